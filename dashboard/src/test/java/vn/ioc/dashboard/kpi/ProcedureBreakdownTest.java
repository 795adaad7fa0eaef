package vn.ioc.dashboard.kpi;

import com.clickhouse.client.api.Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ioc.dashboard.bench.DerivedKpiTables;
import vn.ioc.infra.clickhouse.LocalClickHouse;
import vn.ioc.infra.schema.ClickHouseEndpoint;
import vn.ioc.infra.schema.SchemaMigrator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The breakdown by procedure reads whole months from kpi_procedure_monthly and the other days from
 * kpi_procedure_daily: for any period it must give what the days alone give. Random day rows (with
 * older versions that FINAL must hide) over four months across a new year, the months derived from
 * them as the job keeps them, and periods that start and end on and off month boundaries, within one
 * month and across several.
 */
class ProcedureBreakdownTest {

    private static final Set<String> UNITS = Set.of("000.00.12.H23", "000.31.07.H23");
    private static final List<String> PROCEDURES = List.of("1.001612", "2.000815", "1.009972");
    private static final LocalDate FIRST = LocalDate.of(2025, 11, 1);
    private static final LocalDate LAST = LocalDate.of(2026, 2, 28);

    private static Client client;
    private static KpiRepository kpis;
    /** The newest version of each day row: unit|procedure|day -> received, early, on_time, late, withdrawn, open_delta. */
    private static final Map<String, long[]> DAYS = new HashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.of(LocalClickHouse.get().url(), LocalClickHouse.get().newDatabase("procbreakdown"));
        SchemaMigrator.migrate(endpoint);
        client = endpoint.newClient();
        kpis = new KpiRepository(client);
        Random random = new Random(11);
        StringJoiner values = new StringJoiner(",");
        for (String unit : UNITS) {
            for (String procedure : PROCEDURES) {
                for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
                    if (random.nextInt(10) >= 4) {
                        continue;
                    }
                    long[] c = {random.nextInt(6), random.nextInt(3), random.nextInt(3), random.nextInt(3), random.nextInt(2),
                            random.nextInt(9) - 3};
                    if (random.nextInt(4) == 0) { // an older version of the row, with other counts
                        values.add(row(unit, procedure, d, new long[]{50, 50, 50, 50, 50, 50}, 1));
                    }
                    values.add(row(unit, procedure, d, c, 2));
                    DAYS.put(unit + "|" + procedure + "|" + d, c);
                }
            }
        }
        client.execute("INSERT INTO kpi_procedure_daily (unit_code, procedure_code, day, received, early, on_time, late, "
                + "withdrawn, open_delta, version) VALUES " + values).get().close();
        client.execute(DerivedKpiTables.kpiProcedureMonthly()).get().close();
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    private static String row(String unit, String procedure, LocalDate day, long[] c, int version) {
        return "('%s', '%s', '%s', %d, %d, %d, %d, %d, %d, %d)".formatted(unit, procedure, day, c[0], c[1], c[2], c[3], c[4],
                c[5], version);
    }

    @Test
    void anyPeriodGivesWhatItsDaysGive() {
        List<LocalDate[]> periods = new ArrayList<>(List.of(
                period("2026-01-01", "2026-01-31"), // a whole month
                period("2025-10-01", "2025-12-31"), // a quarter, the data starting in it
                period("2025-12-01", "2026-02-28"), // three whole months across the new year
                period("2026-02-10", "2026-02-20"), // inside a month
                period("2025-12-10", "2026-02-05"), // partial, whole, partial, across the new year
                period("2025-11-01", "2026-02-05"), // whole months, then part of one
                period("2025-12-10", "2026-01-31"), // part of a month, then a whole one
                period("2025-12-31", "2026-01-01"), // across the new year
                period("2026-02-28", "2026-02-28"), // one day, the last
                period("2026-03-01", "2026-03-31"), // after the data: only what is still open
                period("2025-11-01", "2025-11-01")));
        Random random = new Random(5);
        for (int i = 0; i < 30; i++) {
            LocalDate from = FIRST.plusDays(random.nextInt(125));
            periods.add(new LocalDate[]{from, from.plusDays(random.nextInt(100))});
        }
        for (LocalDate[] p : periods) {
            for (Set<String> units : List.of(UNITS, Set.of("000.31.07.H23"))) {
                Map<String, List<Long>> actual = new HashMap<>();
                for (KpiRepository.ProcedureCounts c : kpis.byProcedure(units, p[0], p[1])) {
                    actual.put(c.procedureCode(), List.of(c.received(), c.early(), c.onTime(), c.late(), c.withdrawn(), c.openAtEnd()));
                }
                assertThat(actual).as("%s..%s for %s", p[0], p[1], units).isEqualTo(fromDays(units, p[0], p[1]));
            }
        }
    }

    @Test
    void monthsSplitWhereThePeriodCoversThemWhole() {
        var p = KpiRepository.ProcedurePeriod.of(LocalDate.parse("2025-12-10"), LocalDate.parse("2026-02-05"));
        assertThat(p.wholeFrom()).isEqualTo(LocalDate.parse("2026-01-01"));
        assertThat(p.wholeTo()).isEqualTo(LocalDate.parse("2026-02-01"));
        var month = KpiRepository.ProcedurePeriod.of(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"));
        assertThat(month.wholeFrom()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(month.wholeTo()).isEqualTo(LocalDate.parse("2026-04-01"));
    }

    private static LocalDate[] period(String from, String to) {
        return new LocalDate[]{LocalDate.parse(from), LocalDate.parse(to)};
    }

    /** The breakdown from the day rows alone: flows of the period's days, open deltas of every day up to its end. */
    private static Map<String, List<Long>> fromDays(Set<String> units, LocalDate from, LocalDate to) {
        Map<String, long[]> sums = new HashMap<>();
        DAYS.forEach((key, c) -> {
            String[] k = key.split("\\|");
            LocalDate day = LocalDate.parse(k[2]);
            if (!units.contains(k[0]) || day.isAfter(to)) {
                return;
            }
            long[] s = sums.computeIfAbsent(k[1], x -> new long[6]);
            if (!day.isBefore(from)) {
                for (int i = 0; i < 5; i++) {
                    s[i] += c[i];
                }
            }
            s[5] += c[5];
        });
        Map<String, List<Long>> out = new HashMap<>();
        sums.forEach((procedure, s) -> {
            if (s[0] != 0 || s[1] != 0 || s[2] != 0 || s[3] != 0 || s[4] != 0 || s[5] != 0) {
                out.put(procedure, List.of(s[0], s[1], s[2], s[3], s[4], s[5]));
            }
        });
        return out;
    }
}
