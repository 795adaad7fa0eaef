package vn.ioc.infra.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official client-v2, unmodified, against the local server. */
class ClientV2Test {

    static LocalClickHouse ch;
    static String db;
    static Client client;

    @BeforeAll
    static void start() {
        ch = LocalClickHouse.get();
        db = ch.newDatabase("client_v2");
        client = ch.client(db);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void pingsAndQueriesRowBinaryWithNamesAndTypes() throws Exception {
        assertThat(client.ping()).isTrue();
        try (QueryResponse response = client.query(
                "SELECT number, toString(number) AS s, toDateTime64('2025-03-01 02:03:04.5', 3, 'UTC') AS t "
                        + "FROM numbers(3)").get(10, TimeUnit.SECONDS)) {
            ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response);
            int rows = 0;
            while (reader.hasNext()) {
                reader.next();
                assertThat(reader.getLong("number")).isEqualTo(rows);
                assertThat(reader.getString("s")).isEqualTo(String.valueOf(rows));
                assertThat(reader.getZonedDateTime("t").toInstant()).isEqualTo(Instant.parse("2025-03-01T02:03:04.500Z"));
                rows++;
            }
            assertThat(rows).isEqualTo(3);
            assertThat(response.getResultRows()).isEqualTo(3);
        }
    }

    @Test
    void insertsJsonEachRowOverOneMegabyteAndReadsItBack() throws Exception {
        client.execute("CREATE TABLE big_json (id UInt32, payload String) ENGINE = MergeTree ORDER BY id").get().close();
        StringBuilder json = new StringBuilder();
        int rows = 20_000;
        for (int i = 0; i < rows; i++) {
            json.append("{\"id\":").append(i).append(",\"payload\":\"").append(payload(i)).append("\"}\n");
        }
        byte[] data = json.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(data.length).isGreaterThan(1_000_000);

        try (InsertResponse response = client.insert("big_json", new ByteArrayInputStream(data),
                ClickHouseFormat.JSONEachRow).get(30, TimeUnit.SECONDS)) {
            assertThat(response.getWrittenRows()).isEqualTo(rows);
        }
        assertAllRowsBack("big_json", rows);
    }

    @Test
    void insertsRowBinaryOverOneMegabyteAndReadsItBack() throws Exception {
        client.execute("CREATE TABLE big_binary (id UInt32, payload String) ENGINE = MergeTree ORDER BY id").get().close();
        int rows = 20_000;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < rows; i++) {
            data.write(i & 0xff);
            data.write(i >>> 8 & 0xff);
            data.write(i >>> 16 & 0xff);
            data.write(i >>> 24);
            byte[] s = payload(i).getBytes(StandardCharsets.UTF_8);
            data.write(s.length); // < 128: one LEB128 byte
            data.writeBytes(s);
        }
        assertThat(data.size()).isGreaterThan(1_000_000);

        try (InsertResponse response = client.insert("big_binary", new ByteArrayInputStream(data.toByteArray()),
                ClickHouseFormat.RowBinary).get(30, TimeUnit.SECONDS)) {
            assertThat(response.getWrittenRows()).isEqualTo(rows);
        }
        assertAllRowsBack("big_binary", rows);
    }

    @Test
    void insertsPojos() throws Exception {
        client.execute("CREATE TABLE events (id UInt64, office String, received DateTime64(3, 'UTC'), score Float64) "
                + "ENGINE = MergeTree ORDER BY id").get().close();
        client.register(Event.class, client.getTableSchema("events"));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add(new Event(i, "Sở Tư pháp " + i % 7,
                    ZonedDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusSeconds(i), i / 4.0));
        }
        try (InsertResponse response = client.insert("events", events).get(30, TimeUnit.SECONDS)) {
            assertThat(response.getWrittenRows()).isEqualTo(1000);
        }
        List<GenericRecord> back = client.queryAll("SELECT id, office, received, score FROM events WHERE id = 999");
        assertThat(back).hasSize(1);
        assertThat(back.get(0).getString("office")).isEqualTo("Sở Tư pháp 5");
        assertThat(back.get(0).getZonedDateTime("received").toInstant()).isEqualTo(Instant.parse("2025-01-01T00:16:39Z"));
        assertThat(back.get(0).getDouble("score")).isEqualTo(249.75);
    }

    @Test
    void bindsQueryParameters() throws Exception {
        List<GenericRecord> rows = client.queryAll("SELECT {x:UInt32} + 1 AS y, {s:String} AS s, {d:Date} AS d",
                Map.of("x", 41, "s", "it's \"quoted\", Hà Nội", "d", "2025-06-30"), new QuerySettings());
        assertThat(rows.get(0).getLong("y")).isEqualTo(42);
        assertThat(rows.get(0).getString("s")).isEqualTo("it's \"quoted\", Hà Nội");
        assertThat(rows.get(0).getLocalDate("d")).hasToString("2025-06-30");
    }

    @Test
    void reportsServerErrorsWithTheirCode() {
        assertThatThrownBy(() -> client.queryAll("SELECT * FROM no_such_table"))
                .rootCause()
                .isInstanceOfSatisfying(ServerException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(60);
                    assertThat(e.getMessage()).contains("UNKNOWN_TABLE");
                });
    }

    @Test
    void runsTwoQueriesConcurrently() throws Exception {
        // Each sleeps 1 s inside the engine; one after the other would take 2 s.
        long started = System.nanoTime();
        CompletableFuture<List<GenericRecord>> a = CompletableFuture.supplyAsync(
                () -> client.queryAll("SELECT sleep(1) AS z, 'a' AS who"));
        CompletableFuture<List<GenericRecord>> b = CompletableFuture.supplyAsync(
                () -> client.queryAll("SELECT sleep(1) AS z, 'b' AS who"));
        assertThat(a.get(10, TimeUnit.SECONDS).get(0).getString("who")).isEqualTo("a");
        assertThat(b.get(10, TimeUnit.SECONDS).get(0).getString("who")).isEqualTo("b");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1900));
    }

    private void assertAllRowsBack(String table, int rows) throws Exception {
        List<GenericRecord> summary = client.queryAll("SELECT count() AS c, sum(id) AS s, sum(length(payload)) AS l FROM " + table);
        long expectedLength = 0;
        for (int i = 0; i < rows; i++) {
            expectedLength += payload(i).length();
        }
        assertThat(summary.get(0).getLong("c")).isEqualTo(rows);
        assertThat(summary.get(0).getLong("s")).isEqualTo((long) rows * (rows - 1) / 2);
        assertThat(summary.get(0).getLong("l")).isEqualTo(expectedLength);
        List<GenericRecord> last = client.queryAll("SELECT id, payload FROM " + table + " ORDER BY id DESC LIMIT 1");
        assertThat(last.get(0).getLong("id")).isEqualTo(rows - 1);
        assertThat(last.get(0).getString("payload")).isEqualTo(payload(rows - 1));
    }

    private static String payload(int i) {
        return "row " + i + " " + "x".repeat(60);
    }

    /** A POJO as client-v2 maps it: getters and setters named after the columns. */
    public static class Event {
        private long id;
        private String office;
        private ZonedDateTime received;
        private double score;

        public Event() {
        }

        Event(long id, String office, ZonedDateTime received, double score) {
            this.id = id;
            this.office = office;
            this.received = received;
            this.score = score;
        }

        public long getId() { return id; }
        public void setId(long id) { this.id = id; }
        public String getOffice() { return office; }
        public void setOffice(String office) { this.office = office; }
        public ZonedDateTime getReceived() { return received; }
        public void setReceived(ZonedDateTime received) { this.received = received; }
        public double getScore() { return score; }
        public void setScore(double score) { this.score = score; }
    }
}
