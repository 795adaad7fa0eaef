package vn.ioc.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.domain.sync.NationalSnapshot;
import vn.ioc.domain.sync.NationalSyncAdapter;
import vn.ioc.infra.kafka.EmbeddedKafka;
import vn.ioc.ingest.deadletter.DeadLetter;
import vn.ioc.ingest.sync.KafkaSnapshotStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ioc.ingest.http.IngestFixture.TOKEN;
import static vn.ioc.ingest.http.IngestFixture.post;
import static vn.ioc.ingest.http.IngestFixture.text;

class NationalSyncEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOSSIER = "000.31.07.H23-250603-0042";
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** The example dossier's life as the portal would see it, snapshot by snapshot. */
    private static final List<String> SEQUENCE = List.of(
            snapshot("000.31.07.H23", 2, "20250616170000", null, ""),
            snapshot("000.00.12.H23", 4, "20250616170000", null, ""),
            snapshot("000.00.12.H23", 5, "20250616170000", null,
                    "{\"NgayBoSung\":\"20250605100000\",\"NgayHenTraTruoc\":\"20250616170000\"}"),
            snapshot("000.00.12.H23", 4, "20250620170000", null,
                    "{\"NgayBoSung\":\"20250605100000\",\"NgayTiepNhanBoSung\":\"20250609080000\","
                            + "\"NgayHenTraTruoc\":\"20250616170000\",\"NgayHenTraMoi\":\"20250620170000\"}"),
            snapshot("000.00.12.H23", 9, "20250620170000", "20250619110000",
                    "{\"NgayBoSung\":\"20250605100000\",\"NgayTiepNhanBoSung\":\"20250609080000\","
                            + "\"NgayHenTraTruoc\":\"20250616170000\",\"NgayHenTraMoi\":\"20250620170000\"}"));

    private static String snapshot(String donVi, int status, String henTra, String ketThuc, String supplements) {
        return "{\"MaHoSo\":\"" + DOSSIER + "\",\"MaTTHC\":\"2.000815\",\"TenTTHC\":\"Cấp giấy phép xây dựng\","
                + "\"DonViXuLy\":\"" + donVi + "\",\"KenhThucHien\":1,\"NgayTiepNhan\":\"20250603141000\","
                + "\"NgayHenTra\":\"" + henTra + "\",\"TrangThaiHoSo\":" + status + ","
                + "\"NgayKetThucXuLy\":" + (ketThuc == null ? "null" : "\"" + ketThuc + "\"") + ",\"NgayTra\":null,"
                + "\"DanhSachHoSoBoSung\":[" + supplements + "],\"DuocThanhToanTrucTuyen\":0,\"ChuHoSo\":\"Nguyễn Văn A\"}";
    }

    private static JsonNode postSync(io.javalin.testtools.HttpClient http, String body) throws IOException {
        Response r = post(http, "/ingest/national-sync", TOKEN, "application/json", body.getBytes(StandardCharsets.UTF_8));
        String text = text(r);
        assertThat(r.code()).as(text).isEqualTo(200);
        return JSON.readTree(text);
    }

    private static List<String> eventIds(IngestFixture f) {
        return f.eventRecords().stream().map(r -> new EventValidator(IngestFixture.CATALOGS).validate(r.value()).event().eventId()).toList();
    }

    @Test
    void aSnapshotSequenceGivesEachEventOnceAndAResentSnapshotAddsNothing() throws Exception {
        List<String> expected = NationalSyncAdapter.eventsOf(NationalSnapshot.parse(SEQUENCE.get(4))).stream()
                .map(DossierEvent::eventId).toList();
        try (IngestFixture f = new IngestFixture(kafka, IngestLimits.defaults())) {
            JavalinTest.test(f.app.javalin(), (server, http) -> {
                List<Integer> newEvents = new ArrayList<>();
                for (String s : SEQUENCE) {
                    JsonNode r = postSync(http, s);
                    assertThat(r.get("snapshots").get(0).get("status").asText()).isEqualTo("stored");
                    assertThat(r.get("rejected").asInt()).isZero();
                    newEvents.add(r.get("snapshots").get(0).get("newEvents").asInt());
                }
                // received; transferred; supplement requested; supplement received; completed
                assertThat(newEvents).containsExactly(1, 1, 1, 1, 1);
                JsonNode again = postSync(http, SEQUENCE.get(4));
                assertThat(again.get("snapshots").get(0).get("newEvents").asInt()).isZero();
                assertThat(again.get("snapshots").get(0).get("status").asText()).isEqualTo("unchanged");
                assertThat(again.get("accepted").asInt()).isZero();
                assertThat(again.get("results")).isEmpty();
                JsonNode older = postSync(http, SEQUENCE.get(2));
                assertThat(older.get("accepted").asInt()).as("an older snapshot sent late").isZero();
            });
            List<String> ids = eventIds(f);
            assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(f.eventRecords()).allMatch(r -> r.key().equals(DOSSIER));
            assertThat(f.snapshots.latest(DOSSIER).trangThaiHoSo()).isEqualTo(9);
        }
    }

    @Test
    void theLatestSnapshotsSurviveARestartOfTheEndpoint() throws Exception {
        try (IngestFixture f = new IngestFixture(kafka, IngestLimits.defaults())) {
            JavalinTest.test(f.app.javalin(), (server, http) -> {
                // two snapshots of one dossier in one request: the second is diffed against the first
                JsonNode r = postSync(http, "[" + SEQUENCE.get(0) + ",\n" + SEQUENCE.get(2) + "]");
                assertThat(r.get("snapshots")).extracting(n -> n.get("newEvents").asInt()).containsExactly(1, 2);
            });
            try (KafkaSnapshotStore reloaded = KafkaSnapshotStore.load(f.bootstrap, f.snapshotTopic, Duration.ofSeconds(5),
                    Duration.ofSeconds(20), Duration.ofSeconds(30))) {
                assertThat(reloaded.size()).isEqualTo(1);
                NationalSnapshot stored = reloaded.latest(DOSSIER);
                assertThat(stored).isEqualTo(NationalSnapshot.parse(SEQUENCE.get(2)));
                IngestApp restarted = new IngestApp(f.events, f.deadLetters, new EventValidator(IngestFixture.CATALOGS),
                        IngestFixture.tokens(), IngestLimits.defaults(), reloaded, IngestFixture.CATALOGS.procedures(), null);
                JavalinTest.test(restarted.javalin(), (server, http) -> {
                    JsonNode r = postSync(http, SEQUENCE.get(2) + "\n" + SEQUENCE.get(4));
                    // lines of JSON sent as application/json: one unreadable item
                    assertThat(r.get("rejected").asInt()).isEqualTo(1);
                    JsonNode next = JSON.readTree(text(post(http, "/ingest/national-sync", TOKEN, "application/x-ndjson",
                            (SEQUENCE.get(2) + "\n" + SEQUENCE.get(4)).getBytes(StandardCharsets.UTF_8))));
                    assertThat(next.get("snapshots")).extracting(n -> n.get("newEvents").asInt()).containsExactly(0, 2);
                });
            }
            assertThat(eventIds(f)).doesNotHaveDuplicates().hasSize(5);
        }
    }

    @Test
    void unreadableSnapshotsAndEventsOutsideTheCatalogsAreDeadLettered() throws Exception {
        String unknownHandler = SEQUENCE.get(1).replace("\"DonViXuLy\":\"000.00.12.H23\"", "\"DonViXuLy\":\"000.99.99.H23\"")
                .replace(DOSSIER, "000.31.07.H23-250603-0043");
        String noProcedure = "{\"MaHoSo\":\"000.31.07.H23-250603-0044\",\"DonViXuLy\":\"000.31.07.H23\",\"KenhThucHien\":1,\"TrangThaiHoSo\":2}";
        try (IngestFixture f = new IngestFixture(kafka, IngestLimits.defaults())) {
            JavalinTest.test(f.app.javalin(), (server, http) -> {
                JsonNode r = postSync(http, "[" + unknownHandler + "," + noProcedure + ", \"text\"]");
                assertThat(r.get("accepted").asInt()).isEqualTo(1); // RECEIVED of 0043
                assertThat(r.get("rejected").asInt()).isEqualTo(3); // its TRANSFERRED, and two unreadable snapshots
                assertThat(r.get("snapshots")).extracting(n -> n.get("status").asText()).containsExactly("stored", "rejected", "rejected");
                JsonNode transfer = r.get("results").get(1);
                assertThat(transfer.get("eventId").asText()).isEqualTo("dvcqg:000.31.07.H23-250603-0043:TRANSFERRED:000.99.99.H23");
                assertThat(transfer.get("errors").get(0).get("code").asText()).isEqualTo("UNKNOWN_UNIT");
                assertThat(r.get("results").get(2).get("errors").get(0).get("field").asText()).isEqualTo("MaTTHC");
                assertThat(r.get("results").get(2).get("errors").get(0).get("code").asText()).isEqualTo("BAD_SNAPSHOT");
            });
            List<DeadLetter> dead = f.deadLetterRecords();
            assertThat(dead).extracting(DeadLetter::input).containsExactlyInAnyOrder(
                    DeadLetter.EVENT, DeadLetter.NATIONAL_SNAPSHOT, DeadLetter.NATIONAL_SNAPSHOT);
            DeadLetter transfer = dead.stream().filter(d -> d.input().equals(DeadLetter.EVENT)).findFirst().orElseThrow();
            // kept as the canonical event, so that a replay after the catalog is fixed can publish it
            assertThat(new EventValidator(u -> true, p -> true).validate(transfer.raw()).accepted()).isTrue();
            assertThat(f.eventRecords()).extracting(ConsumerRecord::key).containsExactly("000.31.07.H23-250603-0043");
        }
    }

    @Test
    void theExampleSnapshotGivesTheDocumentedEvents() throws Exception {
        String example = Files.readString(Path.of("/work/shared/domain/examples/dvcqg-snapshot.json"));
        try (IngestFixture f = new IngestFixture(kafka, IngestLimits.defaults())) {
            JavalinTest.test(f.app.javalin(), (server, http) -> {
                JsonNode r = postSync(http, example);
                assertThat(r.get("accepted").asInt()).isEqualTo(5);
            });
            assertThat(eventIds(f)).containsExactlyInAnyOrder(
                    "dvcqg:" + DOSSIER + ":RECEIVED",
                    "dvcqg:" + DOSSIER + ":TRANSFERRED:000.00.12.H23",
                    "dvcqg:" + DOSSIER + ":SUPPLEMENT_REQUESTED:20250605100000",
                    "dvcqg:" + DOSSIER + ":SUPPLEMENT_RECEIVED:20250609080000",
                    "dvcqg:" + DOSSIER + ":COMPLETED");
        }
    }
}
