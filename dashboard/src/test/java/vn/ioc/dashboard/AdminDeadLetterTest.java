package vn.ioc.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import okhttp3.Request;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ioc.dashboard.admin.Administration;
import vn.ioc.dashboard.admin.CatalogDirectory;
import vn.ioc.dashboard.admin.KafkaDeadLetterReplays;
import vn.ioc.dashboard.status.PipelineStatus;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.Unit;
import vn.ioc.domain.catalog.UnitCatalog;
import vn.ioc.domain.catalog.UnitLevel;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.domain.event.Verdict;
import vn.ioc.infra.kafka.EmbeddedKafka;
import vn.ioc.ingest.deadletter.DeadLetter;
import vn.ioc.ingest.deadletter.KafkaDeadLetterSink;
import vn.ioc.ingest.kafka.KafkaSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rejected events on the administration page: listed from ClickHouse with their state, and replayed
 * through a real Kafka broker by the ingest's replay once the catalog in effect knows their unit.
 */
class AdminDeadLetterTest {

    private static final String JSON_TYPE = "application/json";
    private static final String NEW_UNIT = "000.99.99.H23";
    private static DashboardFixture fixture;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = DashboardFixture.create("admin_dead_letters");
        fixture.execute("INSERT INTO dead_letters (id, received_at, source, reason_code, reason, raw) VALUES "
                + "('dl-1', '2026-03-02 09:00:00', 'igate', 'UNKNOWN_UNIT', 'unitCode: not in the unit catalog', '{\"unitCode\":\"" + NEW_UNIT + "\"}'),"
                + "('dl-2', '2026-03-02 10:00:00', 'igate', 'UNKNOWN_UNIT', 'unitCode: not in the unit catalog', '{\"unitCode\":\"" + NEW_UNIT + "\"}'),"
                + "('kafka:0:7', '2026-03-03 08:00:00', 'analytics-job', 'BAD_TIME', 'at: no offset', '{\"at\":\"2026-03-03T08:00:00\"}')");
        fixture.execute("INSERT INTO dead_letter_replays (source, dead_letter_id, event_id, reason_code, replayed_at) VALUES "
                + "('igate', 'dl-1', 'e-1', 'UNKNOWN_UNIT', '2026-03-04 08:00:00')");
    }

    @AfterAll
    static void tearDown() {
        fixture.client.close();
    }

    @Test
    void listsRejectedEventsWithTheirStateAndSaysWhyReplayIsUnavailableWithoutKafka() {
        DashboardApp app = fixture.app(TestUsers.directoryInFile(dir.resolve("users.properties"), fixture.catalogs), Administration.none());
        JavalinTest.test(app.javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            JsonNode all = TestUsers.getJson(http, "/api/admin/dead-letters", admin);
            assertThat(counts(all.at("/byReason/UNKNOWN_UNIT"))).containsExactly(2L, 1L, 1L);
            assertThat(counts(all.at("/byReason/BAD_TIME"))).as("the job's own refusal cannot be replayed").containsExactly(1L, 1L, 0L);
            assertThat(all.get("newest").findValuesAsText("id")).containsExactly("kafka:0:7", "dl-2", "dl-1");
            assertThat(all.get("newest").findValues("replayed")).extracting(JsonNode::asBoolean).containsExactly(false, false, true);
            assertThat(all.get("newest").findValues("replayable")).extracting(JsonNode::asBoolean)
                    .as("the job's own refusals are not in the dead-letter topic").containsExactly(false, true, false);
            assertThat(TestUsers.getJson(http, "/api/admin/dead-letters?pending=true", admin).get("newest").findValuesAsText("id"))
                    .containsExactly("kafka:0:7", "dl-2");
            assertThat(TestUsers.getJson(http, "/api/admin/dead-letters?reason=UNKNOWN_UNIT&limit=1", admin).get("newest").findValuesAsText("id"))
                    .containsExactly("dl-2");

            assertThat(all.at("/replay/available").asBoolean()).isFalse();
            assertThat(all.at("/replay/code").asText()).isEqualTo("KAFKA_NOT_CONFIGURED");
            assertThat(all.at("/replay/reason").asText()).contains("IOC_KAFKA_BOOTSTRAP");
            JsonNode refused = replay(http, admin, "{\"reasonCode\":\"UNKNOWN_UNIT\"}", 409);
            assertThat(refused.get("code").asText()).isEqualTo("KAFKA_NOT_CONFIGURED");
            assertThat(replay(http, admin, "{\"reasonCode\":\"UNKNOWN_UNIT\",\"ids\":[\"dl-2\"]}", 400).get("code").asText())
                    .isEqualTo("BAD_REPLAY_REQUEST");
            assertThat(replay(http, admin, "{}", 400).get("code").asText()).isEqualTo("BAD_REPLAY_REQUEST");
        });
    }

    @Test
    void replaysTheSelectedOnesAndThenEveryPendingOneOfAReasonOnceTheCatalogKnowsTheUnit() throws Exception {
        String events = "dossier-events";
        String deadLetters = "dossier-events-dlq";
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopic(events, 2);
            kafka.createTopic(deadLetters, 1);
            // Refused at the door by the catalogs of the time, which did not have the new commune.
            EventValidator before = new EventValidator(fixture.catalogs);
            List<String> ids = new ArrayList<>();
            try (KafkaDeadLetterSink sink = new KafkaDeadLetterSink(kafka.bootstrapServers(), deadLetters)) {
                for (int i = 0; i < 4; i++) {
                    ids.add(reject(sink, before, "{\"eventId\":\"new-unit-" + i + "\",\"dossierId\":\"" + NEW_UNIT + "-260801-000" + i
                            + "\",\"type\":\"SUBMITTED\",\"at\":\"2026-08-01T08:00:00+07:00\",\"unitCode\":\"" + NEW_UNIT + "\"}"));
                }
                ids.add(reject(sink, before, "{\"eventId\":\"bad-time\",\"dossierId\":\"000.00.12.H23-260801-0009\",\"type\":\"SUBMITTED\","
                        + "\"at\":\"2026-08-01T08:00:00\",\"unitCode\":\"000.00.12.H23\"}"));
            }
            // The operator added the commune and restarted: it is in the catalogs in effect now.
            List<Unit> units = new ArrayList<>(fixture.catalogs.units().all());
            units.add(new Unit(NEW_UNIT, "Xã Tân Mới", UnitLevel.COMMUNE, "000.00.00.H23", LocalDate.of(2026, 1, 1), null, null));
            Catalogs fixed = new Catalogs(UnitCatalog.of(units), fixture.catalogs.procedures(), fixture.catalogs.calendarDays());
            DashboardApp app = TestUsers.app(fixed, fixture.client, new PipelineStatus(fixture.client, null, null),
                    TestUsers.directoryInFile(dir.resolve("users.properties"), fixed),
                    new Administration(CatalogDirectory.none(), new KafkaDeadLetterReplays(kafka.bootstrapServers(), events, deadLetters, fixed)));

            JavalinTest.test(app.javalin(), (server, http) -> {
                Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
                assertThat(TestUsers.getJson(http, "/api/admin/dead-letters", admin).at("/replay/available").asBoolean()).isTrue();

                JsonNode selected = replay(http, admin, "{\"ids\":[\"" + ids.get(0) + "\",\"" + ids.get(1) + "\",\"no-such-id\"]}", 200);
                assertThat(selected.get("replayed").asInt()).isEqualTo(2);
                assertThat(selected.get("notFound").toString()).isEqualTo("[\"no-such-id\"]");
                assertThat(selected.get("stillRejectedTotal").asInt()).isZero();

                JsonNode byReason = replay(http, admin, "{\"reasonCode\":\"UNKNOWN_UNIT\"}", 200);
                assertThat(byReason.get("replayed").asInt()).isEqualTo(2);
                assertThat(byReason.get("alreadyReplayed").asInt()).isEqualTo(2);

                JsonNode stillBad = replay(http, admin, "{\"ids\":[\"" + ids.get(4) + "\"]}", 200);
                assertThat(stillBad.get("replayed").asInt()).isZero();
                assertThat(stillBad.get("stillRejected").toString()).isEqualTo("{\"BAD_TIME\":1}");

                JsonNode again = replay(http, admin, "{\"reasonCode\":\"UNKNOWN_UNIT\"}", 200);
                assertThat(again.get("replayed").asInt()).isZero();
                assertThat(again.get("alreadyReplayed").asInt()).isEqualTo(4);
            });
            EventValidator after = new EventValidator(fixed);
            assertThat(readAll(kafka.bootstrapServers(), events)).extracting(v -> after.validate(v).event().eventId())
                    .containsExactlyInAnyOrder("new-unit-0", "new-unit-1", "new-unit-2", "new-unit-3");
        }
    }

    /** A reason's total, pending and replayable counts. */
    private static List<Long> counts(JsonNode reason) {
        return List.of(reason.get("total").asLong(), reason.get("pending").asLong(), reason.get("replayable").asLong());
    }

    /** Writes the dead letter the ingest would write for this input; returns its id. */
    private static String reject(KafkaDeadLetterSink sink, EventValidator validator, String json) throws Exception {
        Verdict v = validator.validate(json);
        assertThat(v.accepted()).as(json).isFalse();
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        DeadLetter d = DeadLetter.of("igate-test", DeadLetter.EVENT, "POST /ingest/events item 1", v.rejections(), raw, raw.length);
        sink.send(d).get();
        return d.id();
    }

    /** Every record of a topic, up to its end now. */
    private static List<byte[]> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaSettings.reader(bootstrap))) {
            List<TopicPartition> partitions = KafkaSettings.partitions(consumer, topic, Duration.ofSeconds(10));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<byte[]> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading " + topic + " in time").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
            return out;
        }
    }

    private static JsonNode replay(HttpClient http, Consumer<Request.Builder> auth, String body, int status) {
        return TestUsers.json(TestUsers.send(http, "POST", "/api/admin/dead-letters/replay", auth, JSON_TYPE, body),
                status, body);
    }

}
