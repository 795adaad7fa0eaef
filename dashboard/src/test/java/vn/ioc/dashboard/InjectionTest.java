package vn.ioc.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ioc.dashboard.DashboardFixture.DEPARTMENT;

/**
 * Injection attempts in every parameter of every API route that reaches ClickHouse: unit codes,
 * dates, periods, dossier ids, statuses, channels, search text, limits. Each must be answered as a
 * bad, forbidden or unknown parameter (400/403/404) or as a search that matches nothing, never a
 * server error, and the tables must be untouched afterwards.
 */
class InjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DashboardFixture fixture;

    /** SQL, ClickHouse query-parameter and escaping tricks, and things that are not text at all. */
    static final List<String> PAYLOADS = List.of(
            "' OR 1=1 --",
            "000.00.12.H23' OR '1'='1",
            "000.00.12.H23'); DROP TABLE dossiers; --",
            "1; DROP TABLE kpi_daily",
            "\\' OR 1=1 --",
            "000.00.12.H23\\",
            "}' UNION ALL SELECT name FROM system.tables --",
            "{units:Array(String)}",
            "[' ', 'x']",
            "2026-03-01' OR '1'='1",
            "2026-03-01 UNION SELECT 1",
            "9999999999",
            "-1",
            "2026-13-45",
            "%00",
            "\u0000",
            "ố'\"`;\\",
            "a".repeat(5000),
            "SELECT * FROM system.users",
            "../../etc/passwd");

    /** Each route with the parameter under attack marked X; the others valid. */
    static final List<String> TEMPLATES = List.of(
            "/api/kpi?unit=X&from=2026-03-01&to=2026-03-31",
            "/api/kpi?unit=" + DEPARTMENT + "&from=X&to=2026-03-31",
            "/api/kpi?unit=" + DEPARTMENT + "&from=2026-03-01&to=X",
            "/api/kpi/children?unit=X&from=2026-03-01&to=2026-03-31",
            "/api/kpi/trend?unit=X&from=2026-03-01&to=2026-03-31",
            "/api/kpi/trend?unit=" + DEPARTMENT + "&from=X&to=2026-03-31",
            "/api/kpi/procedures?unit=X&from=2026-03-01&to=2026-03-31",
            "/api/scorecard?unit=X&from=2026-03-01&to=2026-03-31",
            "/api/alerts?unit=X",
            "/api/alerts?unit=" + DEPARTMENT + "&at=X",
            "/api/alerts?unit=" + DEPARTMENT + "&limit=X",
            "/api/dossiers?unit=X",
            "/api/dossiers?procedure=X",
            "/api/dossiers?status=X",
            "/api/dossiers?channel=X",
            "/api/dossiers?from=X",
            "/api/dossiers?to=X",
            "/api/dossiers?q=X",
            "/api/dossiers?limit=X",
            "/api/dossiers?offset=X",
            "/api/dossiers/X",
            "/api/late?unit=X&from=2026-03-01&to=2026-03-31",
            "/api/late?unit=" + DEPARTMENT + "&from=X&to=2026-03-31",
            "/api/report?unit=X&period=month&date=2026-03-15",
            "/api/report?unit=" + DEPARTMENT + "&period=X&date=2026-03-15",
            "/api/report?unit=" + DEPARTMENT + "&period=month&date=X",
            "/api/report?unit=" + DEPARTMENT + "&period=range&from=X&to=2026-03-31",
            "/api/report.csv?unit=X&period=month&date=2026-03-15",
            "/api/report.xlsx?unit=" + DEPARTMENT + "&period=X&date=2026-03-15");

    @BeforeAll
    static void setUp() throws Exception {
        fixture = DashboardFixture.create("injection");
    }

    @AfterAll
    static void tearDown() {
        fixture.client.close();
    }

    @Test
    void noParameterReachesClickHouseAsSqlAndNoneCausesAServerError() throws Exception {
        Map<String, Long> before = counts();
        List<String> failures = new ArrayList<>();
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String analyst = TestUsers.login(http, "analyst");
            String head = TestUsers.login(http, "head");
            for (String template : TEMPLATES) {
                for (String payload : PAYLOADS) {
                    String path = template.replace("X", URLEncoder.encode(payload, StandardCharsets.UTF_8));
                    for (String cookie : List.of(analyst, head)) {
                        try (Response r = http.get(path, TestUsers.as(cookie))) {
                            String body = r.body().string();
                            if (!Set.of(200, 400, 403, 404).contains(r.code())) {
                                failures.add(r.code() + " " + path + " -> " + abbreviate(body));
                            } else if (r.code() == 200 && template.contains("q=X") && !payload.trim().isEmpty()) {
                                // (a blank search, control characters only, is no search: every visible dossier)
                                // a search text is a text to find, never a condition: nothing has such a code
                                JsonNode page = JSON.readTree(body);
                                if (page.get("total").asLong() != 0) {
                                    failures.add("search for " + abbreviate(payload) + " found " + page.get("total"));
                                }
                            } else if (r.code() >= 400 && !body.contains("\"error\"") && !template.endsWith("/X")) {
                                // (a NUL in a path is refused by the HTTP server itself, before any route)
                                failures.add(r.code() + " without an error message: " + path);
                            }
                        }
                    }
                }
            }
        });
        assertThat(failures).isEmpty();
        assertThat(counts()).as("the tables are untouched").isEqualTo(before);
    }

    /** A department head's unit scope cannot be escaped by a crafted unit code. */
    @Test
    void aCraftedUnitCodeDoesNotWidenADepartmentHeadsScope() throws Exception {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String head = TestUsers.login(http, "head");
            for (String unit : List.of(DEPARTMENT + "' OR '1'='1", DEPARTMENT + "%", DEPARTMENT + ",000.00.00.H23",
                    "000.00.00.H23", DEPARTMENT.substring(0, 9))) {
                String path = "/api/dossiers?unit=" + URLEncoder.encode(unit, StandardCharsets.UTF_8);
                try (Response r = http.get(path, TestUsers.as(head))) {
                    assertThat(r.code()).as(path).isIn(403, 404, 400);
                }
            }
        });
    }

    private static Map<String, Long> counts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("events", "dossiers", "kpi_daily", "alerts", "units")) {
            counts.put(table, fixture.client.queryAll("SELECT count() AS n FROM " + table).get(0).getLong("n"));
        }
        counts.put("tables", fixture.client.queryAll("SELECT count() AS n FROM system.tables WHERE database = currentDatabase()")
                .get(0).getLong("n"));
        return counts;
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
