package vn.ioc.dashboard.bench;

import com.clickhouse.client.api.Client;
import io.javalin.Javalin;
import vn.ioc.dashboard.DashboardApp;
import vn.ioc.dashboard.admin.Administration;
import vn.ioc.dashboard.auth.Passwords;
import vn.ioc.dashboard.auth.Role;
import vn.ioc.dashboard.auth.User;
import vn.ioc.dashboard.auth.UserDirectory;
import vn.ioc.dashboard.kpi.KpiRepository;
import vn.ioc.dashboard.status.DataVersion;
import vn.ioc.dashboard.status.PipelineStatus;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.Procedure;
import vn.ioc.domain.catalog.Unit;
import vn.ioc.domain.catalog.UnitLevel;
import vn.ioc.infra.schema.ClickHouseEndpoint;
import vn.ioc.infra.schema.SchemaMigrator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How fast the dashboard answers over a province-sized database. Fills a ClickHouse database with
 * {@code --dossiers} dossiers (default 10 million) spread over {@code --days} days up to now:
 * their {@code dossiers} rows, two {@code events} each, {@code kpi_daily}, {@code kpi_procedure_daily} and
 * {@code kpi_procedure_monthly} aggregated from them, and
 * overdue {@code alerts}; all with INSERT ... SELECT from numbers(), inside ClickHouse. Then starts the
 * dashboard on a free port and prints p50/p95/max of its main API calls, over HTTP as a browser makes them.
 *
 * <pre>
 * ApiBenchmark [--clickhouse-url http://127.0.0.1:8123] [--database ioc_bench] [--dossiers 10000000]
 *              [--days 1095] [--iterations 20] [--keep]   (--keep: reuse the filled database if present)
 * </pre>
 */
public final class ApiBenchmark {

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String url = o.getOrDefault("clickhouse-url", System.getenv().getOrDefault("IOC_CLICKHOUSE_URL", "http://127.0.0.1:8123"));
        String database = o.getOrDefault("database", "ioc_bench");
        long dossiers = Long.parseLong(o.getOrDefault("dossiers", "10000000"));
        int days = Integer.parseInt(o.getOrDefault("days", "1095"));
        int iterations = Integer.parseInt(o.getOrDefault("iterations", "20"));
        Catalogs catalogs = Catalogs.loadDefault();
        LocalDate last = LocalDate.now(vn.ioc.dashboard.web.Times.ZONE);
        LocalDate first = last.minusDays(days - 1);

        ClickHouseEndpoint endpoint = ClickHouseEndpoint.of(url, database);
        try (Client admin = ClickHouseEndpoint.of(url, "default").newClient()) {
            admin.execute("CREATE DATABASE IF NOT EXISTS " + database).get().close();
        }
        SchemaMigrator.migrate(endpoint);
        try (Client client = endpoint.newClient()) {
            long existing = client.queryAll("SELECT count() AS n FROM dossiers").get(0).getLong("n");
            if (existing > 0 && o.containsKey("keep")) {
                System.out.printf("Reusing %,d dossiers in %s%n", existing, database);
            } else {
                fill(client, catalogs, dossiers, first, days);
            }
            benchmark(client, catalogs, endpoint, iterations);
        }
    }

    static void fill(Client client, Catalogs catalogs, long n, LocalDate first, int days) throws Exception {
        for (String table : List.of("dossiers", "events", "kpi_daily", "kpi_procedure_daily", "kpi_procedure_monthly",
                "alerts", "alert_transitions", "alert_daily")) {
            client.execute("TRUNCATE TABLE " + table).get().close();
        }
        // Dossiers go to departments and communes (a district's own desk is rare); procedures cycle through the catalog.
        List<String> units = catalogs.units().all().stream()
                .filter(u -> u.level() == UnitLevel.DEPARTMENT || u.level() == UnitLevel.COMMUNE).map(Unit::code).toList();
        List<String> procedures = catalogs.procedures().all().stream().map(Procedure::code).toList();
        String unitArray = KpiRepository.arrayLiteral(units);
        String procArray = KpiRepository.arrayLiteral(procedures);
        // Receipts run from the first day's midnight up to now: nothing in the future.
        long span = java.time.Duration.between(vn.ioc.dashboard.web.Times.startOfDay(first), java.time.Instant.now()).getSeconds() - 3600;
        long started = System.nanoTime();
        // received spread evenly over the days (local time); due 5 days later; ended after 1 to 8 days, so about a
        // third of them late, except those whose end would be after now (the last days' receipts, still open) and
        // 0.3% stuck open (overdue since; a hash of their own, so that they are of every channel and procedure): a
        // province's open dossiers are its recent receipts and a few stuck ones.
        // A 2% share had two supplement requests.
        exec(client, """
                INSERT INTO dossiers (dossier_id, received, unit_code, current_unit_code, procedure_code, channel, received_at,
                  due_at, effective_due_at, pause_count, paused_seconds, pause_open, supplement_requests, end_at, end_kind,
                  timeliness, processing_working_seconds, fee_required, paid_online, electronic_result, digitized, reused_data,
                  ratings, last_event_at, event_count, version)
                SELECT id, true, u, u, p, ch, r, due, due, 0, 0, false, sup, e,
                       if(e IS NULL, '', 'COMPLETED'),
                       multiIf(e IS NULL, '', sup > 1 OR toDate(e) > toDate(due), 'LATE', toDate(e) = toDate(due), 'ON_TIME', 'EARLY'),
                       if(e IS NULL, NULL, toInt64(dateDiff('second', r, e) / 3)), fee, fee AND h % 3 != 0, e IS NOT NULL AND h % 2 = 0,
                       h % 5 != 0, h % 4 = 0, if(e IS NOT NULL AND h % 7 = 0, [toUInt8(1 + h % 3)], []), ifNull(e, r),
                       if(e IS NULL, 1, 2), if(e IS NULL, 1, 2)
                FROM (
                  SELECT number, intHash32(number) AS h,
                         {units:Array(String)}[1 + number % length({units:Array(String)})] AS u,
                         {procs:Array(String)}[1 + h % length({procs:Array(String)})] AS p,
                         ['COUNTER', 'ONLINE', 'ONLINE', 'POSTAL'][1 + h % 4] AS ch,
                         toDateTime64(toDateTime({start:DateTime('Asia/Ho_Chi_Minh')}) + intDiv(number * {span:UInt64}, {n:UInt64})
                                      + h % 3600, 3, 'Asia/Ho_Chi_Minh') AS r,
                         r + toIntervalDay(5) AS due,
                         r + toIntervalSecond(86400 + h % (7 * 86400)) AS end_candidate,
                         if(cityHash64(number) % 1000 < 3 OR end_candidate > now64(3), NULL, end_candidate) AS e,
                         toUInt16(if(h % 50 = 0, 2, 0)) AS sup,
                         h % 3 = 0 AS fee,
                         concat(u, '-', formatDateTime(r, '%y%m%d'), '-', leftPad(toString(number % 100000), 5, '0'), toString(number)) AS id
                  FROM numbers({n:UInt64}))
                """, Map.of("units", unitArray, "procs", procArray, "start", first + " 00:00:00", "span", span, "n", n));
        System.out.printf("dossiers: %,d rows in %.1f s%n", n, seconds(started));
        started = System.nanoTime();
        exec(client, """
                INSERT INTO events (event_id, dossier_id, type, at, unit_code, payload, kafka_partition, kafka_offset)
                SELECT concat(dossier_id, '-', t), dossier_id, t, at, unit_code,
                       concat('{"type":"', t, '","procedureCode":"', procedure_code, '","channel":"', channel, '"}'), 0, 0
                FROM (SELECT dossier_id, unit_code, procedure_code, channel,
                             arrayJoin(if(end_at IS NULL, [('RECEIVED', received_at)],
                                          [('RECEIVED', received_at), ('COMPLETED', assumeNotNull(end_at))])) AS ev,
                             ev.1 AS t, ev.2 AS at
                      FROM dossiers)
                """, Map.of());
        System.out.printf("events: %,d rows in %.1f s%n", count(client, "events"), seconds(started));
        started = System.nanoTime();
        exec(client, DerivedKpiTables.kpiDaily(), Map.of());
        exec(client, DerivedKpiTables.kpiProcedureDaily(), Map.of());
        exec(client, DerivedKpiTables.kpiProcedureMonthly(), Map.of());
        System.out.printf("kpi_daily, kpi_procedure_daily and kpi_procedure_monthly: %,d, %,d and %,d rows in %.1f s%n",
                count(client, "kpi_daily"), count(client, "kpi_procedure_daily"), count(client, "kpi_procedure_monthly"),
                seconds(started));
        started = System.nanoTime();
        exec(client, """
                INSERT INTO alerts (dossier_id, kind, raised_at, resolved_at, due_at, received_at, supplement_requests, unit_code,
                                    current_unit_code, procedure_code, version, is_deleted)
                SELECT dossier_id, 'OVERDUE', toDateTime64(toDate(assumeNotNull(effective_due_at)) + 1, 3, 'Asia/Ho_Chi_Minh'),
                       end_at, effective_due_at, received_at, supplement_requests, unit_code, current_unit_code, procedure_code, 1, 0
                FROM dossiers
                WHERE toDate(assumeNotNull(effective_due_at)) + 1 <= if(end_at IS NULL, today(), toDate(assumeNotNull(end_at)))
                """, Map.of());
        System.out.printf("alerts: %,d rows in %.1f s%n", count(client, "alerts"), seconds(started));
        started = System.nanoTime();
        for (String sql : DerivedAlertTables.statements()) {
            exec(client, sql, Map.of());
        }
        System.out.printf("alert_transitions and alert_daily: %,d and %,d rows in %.1f s%n", count(client, "alert_transitions"),
                count(client, "alert_daily"), seconds(started));
        started = System.nanoTime();
        for (String sql : DerivedLateListTables.statements()) {
            exec(client, sql, Map.of());
        }
        System.out.printf("late_dossiers and alerts_by_resolution: %,d and %,d rows in %.1f s%n", count(client, "late_dossiers"),
                count(client, "alerts_by_resolution"), seconds(started));
        started = System.nanoTime();
        for (String table : List.of("dossiers", "events", "kpi_daily", "kpi_procedure_daily", "kpi_procedure_monthly", "alerts",
                "alert_transitions", "alert_daily", "late_dossiers", "alerts_by_resolution")) {
            exec(client, "OPTIMIZE TABLE " + table + " FINAL", Map.of());
        }
        System.out.printf("merged in %.1f s%n", seconds(started));
    }

    static void benchmark(Client client, Catalogs catalogs, ClickHouseEndpoint endpoint, int iterations) throws Exception {
        String password = Passwords.randomPassword(16);
        UserDirectory users = UserDirectory.of(List.of(new User("bench", Role.LEADER, null, Passwords.hash(password), null, true)), Map.of(),
                catalogs.units());
        Javalin app = new DashboardApp(catalogs, client, new PipelineStatus(client, null, null), users, Administration.none(),
                DashboardApp.Options.defaults(endpoint.jdbcUrl())).javalin().start("127.0.0.1", 0);
        try {
            String origin = "http://127.0.0.1:" + app.port();
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(origin + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=bench&password=" + password)).build(), HttpResponse.BodyHandlers.ofString());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

            DataVersion data = new DataVersion(client);
            LocalDate day = data.newestEventAt().map(vn.ioc.dashboard.web.Times::localDate).orElseThrow();
            String province = catalogs.units().root().orElseThrow().code();
            String department = "000.00.12.H23";
            String month = "&from=" + day.withDayOfMonth(1) + "&to=" + day;
            String year = "&from=" + day.withDayOfYear(1) + "&to=" + day;
            String sampleId = client.queryAll("SELECT dossier_id FROM dossiers WHERE unit_code = {u:String} ORDER BY received_at DESC LIMIT 1 OFFSET 10",
                    Map.of("u", department)).get(0).getString("dossier_id");

            Map<String, String> calls = new LinkedHashMap<>();
            // The floor: an answer from memory, no ClickHouse query (sign-in check, routing, JSON).
            calls.put("units (no query)", "/api/units");
            calls.put("kpi province, month", "/api/kpi?unit=" + province + month);
            calls.put("kpi province, year", "/api/kpi?unit=" + province + year);
            calls.put("kpi department, month", "/api/kpi?unit=" + department + month);
            calls.put("children of province, month", "/api/kpi/children?unit=" + province + month);
            calls.put("trend province, 30 days", "/api/kpi/trend?unit=" + province + "&from=" + day.minusDays(29) + "&to=" + day);
            calls.put("scorecard province, month", "/api/scorecard?unit=" + province + month);
            calls.put("alerts province, now", "/api/alerts?unit=" + province + "&limit=30");
            calls.put("dossier search by code", "/api/dossiers?q=" + sampleId.substring(0, sampleId.length() - 3) + "&limit=50");
            calls.put("dossier search unit+status", "/api/dossiers?unit=" + department + "&status=late&limit=50");
            calls.put("one dossier + timeline", "/api/dossiers/" + sampleId);
            calls.put("late list department, month", "/api/late?unit=" + department + month);
            // The report page asks for its KPIs, then for its procedures and its late list at once (the 100 most urgent
            // lines of each part, the rest on demand); the exports for all of it. The late lists alone: 500 lines a part.
            calls.put("report department, month", "/api/report?unit=" + department + "&period=month");
            calls.put("  the page's KPI part", "/api/report?procedures=false&late=false&unit=" + department + "&period=month");
            calls.put("  procedures of the department", "/api/kpi/procedures?unit=" + department + month);
            calls.put("  the page's late list (100)", "/api/late?limit=100&unit=" + department + month);
            calls.put("report province, quarter", "/api/report?unit=" + province + "&period=quarter");
            LocalDate quarterStart = day.with(java.time.temporal.IsoFields.DAY_OF_QUARTER, 1);
            String quarter = "&from=" + quarterStart + "&to=" + quarterStart.plusMonths(3).minusDays(1);
            calls.put("  the province page's KPI part", "/api/report?procedures=false&late=false&unit=" + province + "&period=quarter");
            calls.put("  procedures of the province", "/api/kpi/procedures?unit=" + province + quarter);
            calls.put("  the province page's late list", "/api/late?limit=100&unit=" + province + quarter);
            calls.put("late list province, quarter", "/api/late?unit=" + province + quarter);

            System.out.printf("%nData: %,d dossiers, %,d events, %,d kpi_daily rows, %,d kpi_procedure_daily rows, "
                    + "%,d kpi_procedure_monthly rows, %,d alerts; newest day %s%n", count(client, "dossiers"), count(client, "events"),
                    count(client, "kpi_daily"), count(client, "kpi_procedure_daily"), count(client, "kpi_procedure_monthly"),
                    count(client, "alerts"), day);
            System.out.printf("%-32s %9s %9s %9s%n", "call (" + iterations + " runs)", "p50 ms", "p95 ms", "max ms");
            for (Map.Entry<String, String> c : calls.entrySet()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(origin + c.getValue())).header("Cookie", cookie)
                        .timeout(Duration.ofMinutes(2)).GET().build();
                print(c.getKey(), measure(iterations, () -> {
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(c.getValue() + ": HTTP " + r.statusCode() + " " + r.body());
                        }
                        return r.body().length();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            print("live feed fingerprint (500 ms)", measure(iterations, () -> data.read().events()));
        } finally {
            app.stop();
        }
    }

    private static double[] measure(int iterations, Supplier<?> call) {
        for (int i = 0; i < 3; i++) {
            call.get();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void print(String name, double[] sorted) {
        System.out.printf("%-32s %9.1f %9.1f %9.1f%n", name, percentile(sorted, 50), percentile(sorted, 95), sorted[sorted.length - 1]);
    }

    static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void exec(Client client, String sql, Map<String, Object> params) throws Exception {
        client.query(sql, params, new com.clickhouse.client.api.query.QuerySettings()
                .serverSetting("max_execution_time", "3600")).get().close();
    }

    private static long count(Client client, String table) {
        return client.queryAll("SELECT count() AS n FROM " + table).get(0).getLong("n");
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        List<String> list = new ArrayList<>(List.of(args));
        for (int i = 0; i < list.size(); i++) {
            String a = list.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + a);
            }
            String key = a.substring(2);
            if (key.equals("keep")) {
                o.put(key, "true");
            } else if (i + 1 < list.size()) {
                o.put(key, list.get(++i));
            } else {
                throw new IllegalArgumentException(a + " needs a value");
            }
        }
        return o;
    }
}
