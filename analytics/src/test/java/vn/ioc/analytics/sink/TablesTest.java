package vn.ioc.analytics.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseFormat;
import vn.ioc.analytics.rows.DeadLetterRow;
import vn.ioc.analytics.rows.DossierRow;
import vn.ioc.infra.clickhouse.LocalClickHouse;
import vn.ioc.infra.schema.ClickHouseEndpoint;
import vn.ioc.infra.schema.SchemaMigrator;
import vn.ioc.analytics.rows.EventRow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TablesTest {

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    @Test
    void timesAreTheWallClockOfHoChiMinhCityToTheMillisecond() {
        SplittableRandom random = new SplittableRandom(7);
        long from = Instant.parse("1950-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            long t = random.nextLong(from, to);
            assertThat(Tables.time(t)).isEqualTo(LOCAL.format(Instant.ofEpochMilli(t)));
        }
        assertThat(Tables.time(Instant.parse("2025-12-31T17:00:00Z").toEpochMilli())).isEqualTo("2026-01-01 00:00:00.000");
        assertThat(Tables.time(Instant.parse("2025-12-31T16:59:59.999Z").toEpochMilli())).isEqualTo("2025-12-31 23:59:59.999");
    }

    @Test
    void rowsAreJsonObjectsWithEveryColumnAndNullsForAbsentTimes() throws IOException {
        DossierRow row = new DossierRow("000.00.12.H23-250101-0001", true, "000.00.12.H23", "000.00.12.H23", "1.001",
                "ONLINE", Instant.parse("2025-01-01T01:00:00Z").toEpochMilli(), DossierRow.NONE, DossierRow.NONE, 0, 0,
                false, 0, DossierRow.NONE, "", "", DossierRow.NONE, true, false, false, false, false, DossierRow.NONE,
                DossierRow.NONE, new int[] {5, 3}, Instant.parse("2025-01-01T01:00:00Z").toEpochMilli(), 1, 1);
        JsonNode json = encode(Tables.DOSSIERS, row);
        assertThat(json.size()).isEqualTo(28);
        assertThat(json.get("received_at").asText()).isEqualTo("2025-01-01 08:00:00.000");
        assertThat(json.get("end_at").isNull()).isTrue();
        assertThat(json.get("processing_working_seconds").isNull()).isTrue();
        assertThat(json.get("ratings").toString()).isEqualTo("[5,3]");

        EventRow event = new EventRow("e-1", "d-1", "RECEIVED", 0, "000.00.12.H23",
                "{\"note\":\"Hồ sơ \\\"gấp\\\"\\n\"}", 3, 42);
        JsonNode e = encode(Tables.EVENTS, event);
        assertThat(new ObjectMapper().readTree(e.get("payload").asText()).get("note").asText()).isEqualTo("Hồ sơ \"gấp\"\n");
        assertThat(e.get("kafka_offset").asLong()).isEqualTo(42);
    }

    @Test
    void anUnpairedSurrogateBecomesAReplacementCharacterAndClickHouseTakesTheRow() throws Exception {
        assertThat(Tables.wellFormed("ok \uD83D\uDE00")).isEqualTo("ok \uD83D\uDE00");
        assertThat(Tables.wellFormed("cut \uD83D")).isEqualTo("cut \uFFFD");
        assertThat(Tables.wellFormed("\uDE00 and \uD800x")).isEqualTo("\uFFFD and \uFFFDx");

        // The way such a string arrives: a JSON escape for half a pair, copied into a rejection reason.
        DeadLetterRow row = new DeadLetterRow("kafka:0:1", 0, "analytics-job", "BAD_VALUE",
                "type: '\uD800' is not one of RECEIVED, ...", "{\"type\":\"\\ud800\"}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(bytes)) {
            Tables.DEAD_LETTERS.write(row, g);
        }
        ClickHouseEndpoint store = ClickHouseEndpoint.of(LocalClickHouse.get().url(), LocalClickHouse.get().newDatabase("tables"));
        SchemaMigrator.migrate(store);
        try (Client client = store.newClient()) {
            client.insert("dead_letters", new ByteArrayInputStream(bytes.toByteArray()), ClickHouseFormat.JSONEachRow)
                    .get(1, TimeUnit.MINUTES).close();
            assertThat(client.queryAll("SELECT reason FROM dead_letters").get(0).getString("reason"))
                    .isEqualTo("type: '\uFFFD' is not one of RECEIVED, ...");
        }
    }

    private static <T> JsonNode encode(RowEncoder<T> encoder, T row) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(bytes)) {
            encoder.write(row, g);
        }
        return new ObjectMapper().readTree(bytes.toByteArray());
    }
}
