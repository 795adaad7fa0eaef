package vn.ioc.dashboard.bench;

import com.clickhouse.client.api.Client;
import org.junit.jupiter.api.Test;
import vn.ioc.infra.clickhouse.LocalClickHouse;
import vn.ioc.infra.schema.ClickHouseEndpoint;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark at a small size: its generated data is consistent and every measured call answers. */
class ApiBenchmarkTest {

    @Test
    void fillsConsistentDataAndMeasuresEveryCall() throws Exception {
        String database = LocalClickHouse.get().newDatabase("bench");
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ApiBenchmark.main(new String[] {"--clickhouse-url", LocalClickHouse.get().url(), "--database", database,
                    "--dossiers", "20000", "--days", "90", "--iterations", "2"});
        } finally {
            System.setOut(original);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        assertThat(report).contains("report province, quarter").contains("p95 ms").contains("dossiers: 20,000 rows");
        try (Client client = ClickHouseEndpoint.of(LocalClickHouse.get().url(), database).newClient()) {
            // kpi_daily adds up to the dossiers it was built from
            assertThat(client.queryAll("SELECT sum(received) AS n FROM kpi_daily FINAL").get(0).getLong("n")).isEqualTo(20_000);
            long open = client.queryAll("SELECT sum(open_delta) AS n FROM kpi_daily FINAL").get(0).getLong("n");
            assertThat(open).isEqualTo(client.queryAll("SELECT count() AS n FROM dossiers FINAL WHERE end_at IS NULL").get(0).getLong("n"));
            // and kpi_procedure_daily, summed over procedures, is kpi_daily day by day
            assertThat(client.queryAll("""
                    SELECT count() AS n FROM
                      (SELECT unit_code, day, received, late, open_delta, overdue_delta, satisfied FROM kpi_daily FINAL) AS k
                      FULL JOIN
                      (SELECT unit_code, day, sum(received) AS received, sum(late) AS late, sum(open_delta) AS open_delta,
                              sum(overdue_delta) AS overdue_delta, sum(satisfied) AS satisfied
                       FROM kpi_procedure_daily FINAL GROUP BY unit_code, day) AS p
                      USING (unit_code, day)
                    WHERE (k.received, k.late, k.open_delta, k.overdue_delta, k.satisfied)
                       != (p.received, p.late, p.open_delta, p.overdue_delta, p.satisfied)
                    """).get(0).getLong("n")).isZero();
            assertThat(client.queryAll("SELECT uniqExact(procedure_code) AS n FROM kpi_procedure_daily").get(0).getLong("n")).isGreaterThan(1);
            assertThat(client.queryAll("SELECT count() AS n FROM events FINAL").get(0).getLong("n")).isBetween(20_000L, 40_000L);
        }
    }
}
