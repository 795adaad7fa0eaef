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
            // kpi_procedure_daily: per procedure, what its dossiers' rows say
            assertThat(client.queryAll("""
                    SELECT count() AS n FROM
                      (SELECT procedure_code, sum(received) AS received, sum(late) AS late, sum(open_delta) AS open
                       FROM kpi_procedure_daily FINAL GROUP BY procedure_code) AS p
                      FULL JOIN
                      (SELECT procedure_code, count() AS received, countIf(timeliness = 'LATE') AS late,
                              countIf(end_at IS NULL) AS open
                       FROM dossiers FINAL GROUP BY procedure_code) AS d
                      USING (procedure_code)
                    WHERE (p.received, p.late, p.open) != (d.received, d.late, d.open)
                    """).get(0).getLong("n")).isZero();
            assertThat(client.queryAll("SELECT uniqExact(procedure_code) AS n FROM kpi_procedure_daily").get(0).getLong("n")).isGreaterThan(1);
            assertThat(client.queryAll("SELECT count() AS n FROM events FINAL").get(0).getLong("n")).isBetween(20_000L, 40_000L);
        }
    }
}
