package vn.ioc.dashboard;

import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ioc.dashboard.status.PipelineStatus;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.infra.clickhouse.LocalClickHouse;
import vn.ioc.infra.schema.ClickHouseEndpoint;
import vn.ioc.infra.schema.SchemaMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api/kpi over rows written straight into kpi_daily, and /api/kpi/procedures over rows written
 * straight into kpi_procedure_daily: the subtree sums, the open/overdue deltas up to the last day,
 * the newest version of a row only, and the errors.
 */
class KpiApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVINCE = "000.00.00.H23";
    private static final String DEPARTMENT = "000.00.12.H23";
    private static final String COMMUNE = "000.31.07.H23";
    private static Client client;
    private static DashboardApp app;

    @BeforeAll
    static void setUp() throws Exception {
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.of(LocalClickHouse.get().url(), LocalClickHouse.get().newDatabase("kpiapi"));
        SchemaMigrator.migrate(endpoint);
        client = endpoint.newClient();
        String columns = "(unit_code, day, received, early, on_time, late, withdrawn, open_delta, overdue_delta, "
                + "online_received, fee_bearing, paid_online, completed, electronic_results, ratings, satisfied, "
                + "rated_unsatisfied, digitized_received, reused_data_received, processing_working_seconds, version)";
        client.execute("INSERT INTO kpi_daily " + columns + " VALUES "
                // department, 1 March: 10 received (4 online), 10 open; an older version of the row first
                + "('" + DEPARTMENT + "', '2026-03-01', 99, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),"
                + "('" + DEPARTMENT + "', '2026-03-01', 10, 0, 0, 0, 0, 10, 0, 4, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2),"
                // department, 5 March: 6 ended (3 early, 2 on time, 1 late), 2 become overdue
                + "('" + DEPARTMENT + "', '2026-03-05', 0, 3, 2, 1, 0, -6, 2, 0, 0, 0, 6, 3, 4, 3, 1, 0, 0, 172800, 1),"
                // commune, 31 March: 5 received, 5 open
                + "('" + COMMUNE + "', '2026-03-31', 5, 0, 0, 0, 0, 5, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),"
                // commune, 2 April: outside March
                + "('" + COMMUNE + "', '2026-04-02', 7, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)")
                .get().close();
        client.execute("INSERT INTO kpi_procedure_daily (unit_code, procedure_code, day, received, early, on_time, late, withdrawn, "
                + "open_delta, overdue_delta, version) VALUES "
                // 2.000815 at the department: 6 received in February (older version first), 4 of them ended in March
                + "('" + DEPARTMENT + "', '2.000815', '2026-02-20', 60, 0, 0, 0, 0, 60, 0, 1),"
                + "('" + DEPARTMENT + "', '2.000815', '2026-02-20', 6, 0, 0, 0, 0, 6, 0, 2),"
                + "('" + DEPARTMENT + "', '2.000815', '2026-03-05', 0, 1, 1, 1, 1, -4, 0, 1),"
                // 1.009972: 2 received in March at the department, 3 at the commune
                + "('" + DEPARTMENT + "', '1.009972', '2026-03-02', 2, 0, 0, 0, 0, 2, 0, 1),"
                + "('" + COMMUNE + "', '1.009972', '2026-03-31', 3, 0, 0, 0, 0, 3, 0, 1),"
                // 1.001612: received and ended in January: nothing in March, nothing open at its end
                + "('" + DEPARTMENT + "', '1.001612', '2026-01-10', 1, 1, 0, 0, 0, 0, 0, 1),"
                // 2.002000: only in April
                + "('" + DEPARTMENT + "', '2.002000', '2026-04-01', 9, 0, 0, 0, 0, 9, 0, 1)")
                .get().close();
        // The months as the job keeps them beside the days, and an older version of February's row that FINAL hides.
        client.execute(vn.ioc.dashboard.bench.DerivedKpiTables.kpiProcedureMonthly()).get().close();
        client.execute("INSERT INTO kpi_procedure_monthly (unit_code, procedure_code, month, received, open_delta, version) VALUES "
                + "('" + DEPARTMENT + "', '2.000815', '2026-02-01', 70, 70, 0)").get().close();
        app = TestUsers.app(Catalogs.loadDefault(), client, new PipelineStatus(client, null, null));
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    @Test
    void provinceSumsItsSubtreeAndRecomputesRatesFromSums() {
        JavalinTest.test(app.javalin(), (server, http) -> {
            JsonNode march = JSON.readTree(http.get("/api/kpi?unit=" + PROVINCE + "&from=2026-03-01&to=2026-03-31", TestUsers.wall()).body().string());
            assertThat(march.get("received").asLong()).isEqualTo(15); // 10 + 5, not the old 99
            assertThat(march.get("ended").asLong()).isEqualTo(6);
            assertThat(march.get("openAtEnd").asLong()).isEqualTo(9); // 10 - 6 + 5
            assertThat(march.get("overdueAtEnd").asLong()).isEqualTo(2);
            // (early + onTime + open - overdue) / (ended + open) = (3 + 2 + 9 - 2) / (6 + 9)
            assertThat(march.get("onTimeRate").asDouble()).isEqualTo(12.0 / 15.0);
            assertThat(march.get("onlineRate").asDouble()).isEqualTo(9.0 / 15.0);
            assertThat(march.get("satisfactionRate").asDouble()).isEqualTo(3.0 / 4.0);
            assertThat(march.get("avgProcessingWorkingDays").asDouble()).isEqualTo(172800.0 / 3600 / 8 / 6);
        });
    }

    @Test
    void proceduresSumTheirPeriodAndCarryWhatIsStillOpen() {
        JavalinTest.test(app.javalin(), (server, http) -> {
            var leader = TestUsers.as(TestUsers.login(http, "leader"));
            JsonNode r = JSON.readTree(http.get("/api/kpi/procedures?unit=" + PROVINCE + "&from=2026-03-01&to=2026-03-31",
                    leader).body().string());
            JsonNode procedures = r.get("procedures");
            // ordered by received in the period: 1.009972 (2 + 3 from the subtree), then 2.000815 (none received in March)
            assertThat(procedures).hasSize(2);
            JsonNode first = procedures.get(0);
            assertThat(first.get("procedureCode").asText()).isEqualTo("1.009972");
            assertThat(first.get("received").asLong()).isEqualTo(5);
            assertThat(first.get("openAtEnd").asLong()).isEqualTo(5);
            assertThat(first.get("endedInTimeRate").isNull()).isTrue();
            JsonNode second = procedures.get(1);
            assertThat(second.get("procedureCode").asText()).isEqualTo("2.000815");
            assertThat(second.get("received").asLong()).isZero();
            assertThat(second.get("ended").asLong()).isEqualTo(3);
            assertThat(second.get("withdrawn").asLong()).isEqualTo(1);
            assertThat(second.get("openAtEnd").asLong()).isEqualTo(2); // 6 received in February - 4 ended, not the old 60
            assertThat(second.get("endedInTimeRate").asDouble()).isEqualTo(2.0 / 3.0);

            JsonNode commune = JSON.readTree(http.get("/api/kpi/procedures?unit=" + COMMUNE + "&from=2026-03-01&to=2026-03-31",
                    leader).body().string());
            assertThat(commune.get("procedures")).hasSize(1);
            assertThat(commune.get("procedures").get(0).get("received").asLong()).isEqualTo(3);
        });
    }

    @Test
    void openAtEndCountsEverythingBeforeThePeriodToo() {
        JavalinTest.test(app.javalin(), (server, http) -> {
            JsonNode day = JSON.readTree(http.get("/api/kpi?unit=" + DEPARTMENT + "&from=2026-03-10&to=2026-03-10", TestUsers.wall()).body().string());
            assertThat(day.get("received").asLong()).isZero();
            assertThat(day.get("openAtEnd").asLong()).isEqualTo(4);
            assertThat(day.get("overdueAtEnd").asLong()).isEqualTo(2);
            assertThat(day.get("onTimeRate").asDouble()).isEqualTo(2.0 / 4.0);
            assertThat(day.get("onlineRate").isNull()).isTrue();
        });
    }

    @Test
    void badRequestsGetClearErrors() {
        JavalinTest.test(app.javalin(), (server, http) -> {
            var unknown = http.get("/api/kpi?unit=000.99.99.H23&from=2026-03-01&to=2026-03-31", TestUsers.wall());
            assertThat(unknown.code()).isEqualTo(404);
            assertThat(unknown.body().string()).contains("000.99.99.H23");
            var badDate = http.get("/api/kpi?unit=" + PROVINCE + "&from=2026-3-1&to=2026-03-31", TestUsers.wall());
            assertThat(badDate.code()).isEqualTo(400);
            assertThat(badDate.body().string()).contains("from");
            assertThat(http.get("/api/kpi?unit=" + PROVINCE + "&from=2026-04-01&to=2026-03-31", TestUsers.wall()).code()).isEqualTo(400);
            assertThat(http.get("/api/kpi?unit=" + PROVINCE + "&to=2026-03-31", TestUsers.wall()).code()).isEqualTo(400);
        });
    }
}
