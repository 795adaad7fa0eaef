package vn.ioc.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL console runs what an analyst types with readonly=1 and limits: reads work, every way of
 * writing or of lifting the limits fails, and the data is untouched afterwards.
 */
class SqlConsoleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DashboardFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = DashboardFixture.create("sqlconsole");
    }

    @AfterAll
    static void tearDown() {
        fixture.client.close();
    }

    private record Answer(int code, JsonNode body) {
    }

    private static Answer sql(HttpClient http, String cookie, String query) {
        Request.Builder b = new Request.Builder().url(http.getOrigin() + "/api/sql").header("Cookie", cookie)
                .post(RequestBody.create(JSON.createObjectNode().put("sql", query).toString(), MediaType.get("application/json")));
        try (Response r = http.getOkHttp().newCall(b.build()).execute()) {
            return new Answer(r.code(), JSON.readTree(r.body().string()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsReturnColumnsAndRows() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String analyst = TestUsers.login(http, "analyst");
            Answer a = sql(http, analyst, "SELECT unit_code, sum(received) AS received, toDate('2026-03-01') AS d, "
                    + "[1, 2] AS arr, toDateTime64('2026-03-01 08:00:00', 3, 'Asia/Ho_Chi_Minh') AS t, NULL AS nothing "
                    + "FROM kpi_daily FINAL GROUP BY unit_code ORDER BY unit_code;");
            assertThat(a.code()).as(a.body().toString()).isEqualTo(200);
            assertThat(a.body().get("columns").get(1).get("name").asText()).isEqualTo("received");
            assertThat(a.body().get("columns").get(1).get("type").asText()).isEqualTo("Int64");
            JsonNode first = a.body().get("rows").get(0);
            assertThat(first.get(0).asText()).isEqualTo(DashboardFixture.JUSTICE);
            assertThat(first.get(1).asLong()).isEqualTo(4);
            assertThat(first.get(2).asText()).isEqualTo("2026-03-01");
            assertThat(first.get(3).get(1).asInt()).isEqualTo(2);
            assertThat(first.get(4).asText()).isEqualTo("2026-03-01T08:00:00.000+07:00");
            assertThat(first.get(5).isNull()).isTrue();
            assertThat(a.body().get("rowCount").asInt()).isEqualTo(3);
            assertThat(a.body().get("truncated").asBoolean()).isFalse();
        });
    }

    /** The product's queries collapse FINAL per partition (exact for its schema); an analyst's query does not. */
    @Test
    void anAnalystsFinalMergesAcrossPartitions() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String analyst = TestUsers.login(http, "analyst");
            Answer a = sql(http, analyst, "SELECT getSetting('do_not_merge_across_partitions_select_final') AS s");
            assertThat(a.code()).as(a.body().toString()).isEqualTo(200);
            assertThat(a.body().get("rows").get(0).get(0).asBoolean()).isFalse();
            assertThat(fixture.client.queryAll("SELECT getSetting('do_not_merge_across_partitions_select_final') AS s")
                    .get(0).getBoolean("s")).isTrue();
        });
    }

    @Test
    void bigResultsAreCutAtTenThousandRows() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String analyst = TestUsers.login(http, "analyst");
            Answer a = sql(http, analyst, "SELECT number FROM numbers(50000)");
            assertThat(a.code()).isEqualTo(200);
            assertThat(a.body().get("rowCount").asInt()).isEqualTo(10_000);
            assertThat(a.body().get("truncated").asBoolean()).isTrue();
        });
    }

    @Test
    void writesAndSettingChangesAllFail() throws Exception {
        long rowsBefore = fixture.client.queryAll("SELECT count() AS n FROM kpi_daily").get(0).getLong("n");
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String analyst = TestUsers.login(http, "analyst");
            for (String write : List.of(
                    "INSERT INTO kpi_daily (unit_code, day, received) VALUES ('x', '2026-01-01', 1)",
                    "INSERT INTO kpi_daily SELECT * FROM kpi_daily",
                    "CREATE TABLE hacked (x UInt8) ENGINE = Memory",
                    "CREATE TEMPORARY TABLE hacked (x UInt8)",
                    "DROP TABLE kpi_daily",
                    "TRUNCATE TABLE kpi_daily",
                    "ALTER TABLE kpi_daily DELETE WHERE 1",
                    "ALTER TABLE kpi_daily ADD COLUMN hacked UInt8",
                    "SET readonly = 0",
                    "SET max_result_rows = 0",
                    "SELECT 1 SETTINGS readonly = 0",
                    "SELECT count() FROM numbers(100000000) SETTINGS max_execution_time = 1000",
                    "SELECT 1; DROP TABLE kpi_daily",
                    "OPTIMIZE TABLE kpi_daily FINAL",
                    "SYSTEM STOP MERGES",
                    "KILL QUERY WHERE 1",
                    "GRANT ALL ON *.* TO default",
                    "SELECT * FROM file('/etc/passwd', 'LineAsString')",
                    "INSERT INTO FUNCTION file('/tmp/ioc-hacked.csv', 'CSV', 'x UInt8') VALUES (1)",
                    "SELECT 1 FORMAT CSV")) {
                Answer a = sql(http, analyst, write);
                assertThat(a.code()).as(write + " -> " + a.body()).isEqualTo(400);
                assertThat(a.body().get("error").asText()).as(write).isNotBlank();
            }
        });
        assertThat(fixture.client.queryAll("SELECT count() AS n FROM kpi_daily").get(0).getLong("n")).isEqualTo(rowsBefore);
        assertThat(fixture.client.queryAll("SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = 'hacked'")
                .get(0).getLong("n")).isZero();
        assertThat(fixture.client.queryAll("SELECT count() AS n FROM system.columns WHERE database = currentDatabase() "
                + "AND table = 'kpi_daily' AND name = 'hacked'").get(0).getLong("n")).isZero();
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/ioc-hacked.csv"))).isFalse();
    }

    @Test
    void csvExportAndSchema() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String analyst = TestUsers.login(http, "analyst");
            Request request = new Request.Builder().url(http.getOrigin() + "/api/sql.csv").header("Cookie", analyst)
                    .post(new FormBody.Builder().add("sql", "SELECT 'Sở Xây dựng, \"tỉnh\"' AS name, 42 AS n, '=1+1' AS f").build()).build();
            try (Response r = http.getOkHttp().newCall(request).execute()) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.header("Content-Disposition")).contains("attachment");
                String csv = new String(r.body().bytes(), StandardCharsets.UTF_8);
                assertThat(csv).isEqualTo("\uFEFFname,n,f\r\n\"Sở Xây dựng, \"\"tỉnh\"\"\",42,'=1+1\r\n");
            }
            try (Response r = http.get("/api/schema", TestUsers.as(analyst))) {
                JsonNode schema = JSON.readTree(r.body().string());
                assertThat(schema.get("tables").has("kpi_daily")).isTrue();
                assertThat(schema.get("jdbcUrl").asText()).startsWith("jdbc:clickhouse:http://");
            }
            String leader = TestUsers.login(http, "leader");
            assertThat(sql(http, leader, "SELECT 1").code()).isEqualTo(403);
        });
    }
}
