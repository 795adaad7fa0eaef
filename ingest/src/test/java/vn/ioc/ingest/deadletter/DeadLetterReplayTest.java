package vn.ioc.ingest.deadletter;

import vn.ioc.ingest.CliRun;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.domain.event.Verdict;
import vn.ioc.infra.kafka.EmbeddedKafka;
import vn.ioc.ingest.kafka.TopicContents;
import vn.ioc.ingest.kafka.TopicSpec;
import vn.ioc.ingest.kafka.Topics;
import vn.ioc.ingest.replay.FileReplay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead letters written by a file replay, listed, counted and replayed after the catalog is fixed, by the CLI. */
class DeadLetterReplayTest {

    private static final String NEW_UNIT = "000.99.99.H23";
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static CliRun cli(String... args) {
        return CliRun.of(DeadLetterMain::run, args);
    }

    /** The default catalogs as files, with one more commune: what an operator does when a unit is missing. */
    private static Path catalogsWithNewUnit(Path dir) throws IOException {
        for (String name : List.of(Catalogs.UNITS_FILE, Catalogs.PROCEDURES_FILE, Catalogs.CALENDAR_FILE)) {
            try (InputStream in = Catalogs.class.getResourceAsStream("/catalog/default/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        Files.writeString(dir.resolve(Catalogs.UNITS_FILE), NEW_UNIT + ",Xã Mới,COMMUNE,000.00.00.H23,2025-07-01,,\n",
                StandardOpenOption.APPEND);
        return dir;
    }

    @Test
    void deadLettersAreListedCountedAndReplayedOnceAfterTheCatalogIsFixed(@TempDir Path dir) throws Exception {
        String topic = "events-replay";
        String dlq = "events-replay-dlq";
        Topics.ensure(kafka.bootstrapServers(), List.of(TopicSpec.retained(topic, 2, -1), TopicSpec.retained(dlq, 1, -1)));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add("{\"eventId\":\"new-unit-" + i + "\",\"dossierId\":\"" + NEW_UNIT + "-250801-000" + i
                    + "\",\"type\":\"SUBMITTED\",\"at\":\"2025-08-01T08:00:00+07:00\",\"unitCode\":\"" + NEW_UNIT + "\"}");
        }
        lines.add("{\"eventId\":\"bad-time\",\"dossierId\":\"d\",\"type\":\"SUBMITTED\",\"at\":\"2025-08-01T08:00:00\",\"unitCode\":\"000.00.12.H23\"}");
        lines.add("not json at all");
        Path file = dir.resolve("august.jsonl");
        Files.write(file, lines);
        Path catalogDir = Files.createDirectory(dir.resolve("catalogs"));
        catalogsWithNewUnit(catalogDir);

        try (var events = new vn.ioc.ingest.kafka.EventPublisher(kafka.bootstrapServers(), topic);
             var dead = new KafkaDeadLetterSink(kafka.bootstrapServers(), dlq)) {
            FileReplay.Summary s = new FileReplay(new EventValidator(Catalogs.loadDefault()), events, dead, "file:august.jsonl", null)
                    .run(file);
            assertThat(s.rejected()).isEqualTo(8);
        }

        String[] common = {"--bootstrap-servers", kafka.bootstrapServers(), "--topic", topic, "--dlq-topic", dlq};
        CliRun list = cli(concat(new String[]{"list", "--reason", "UNKNOWN_UNIT", "--limit", "4"}, common));
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("6 dead letter(s) match; 4 shown", "file:august.jsonl", "pending",
                "'" + NEW_UNIT + "' is not in the unit catalog", "august.jsonl line 6");
        assertThat(list.out()).doesNotContain("august.jsonl line 1 ");

        CliRun replay = cli(concat(new String[]{"replay", "--catalog-dir", catalogDir.toString()}, common));
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed 6", "still rejected 2");
        List<ConsumerRecord<String, byte[]>> published = TopicContents.read(kafka.bootstrapServers(), topic);
        assertThat(published).hasSize(6);
        EventValidator fixed = new EventValidator(Catalogs.load(catalogDir));
        assertThat(published).extracting(r -> fixed.validate(r.value()).event().eventId())
                .containsExactlyInAnyOrder("new-unit-0", "new-unit-1", "new-unit-2", "new-unit-3", "new-unit-4", "new-unit-5");

        CliRun second = cli(concat(new String[]{"replay", "--catalog-dir", catalogDir.toString()}, common));
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("replayed 0", "already replayed before 6");
        assertThat(TopicContents.read(kafka.bootstrapServers(), topic)).hasSize(6);

        try (DeadLetterStats stats = DeadLetterStats.open(kafka.bootstrapServers(), dlq)) {
            DeadLetterStats.Counts c = stats.refresh();
            assertThat(c.total()).isEqualTo(8);
            assertThat(c.replayed()).isEqualTo(6);
            assertThat(c.pending()).isEqualTo(2);
            assertThat(c.pendingByReason()).containsOnlyKeys("BAD_TIME", "BAD_JSON");
            assertThat(c.bySource()).containsEntry("file:august.jsonl", 8L);
            // a refresh reads only what was added since: one more dead letter counts once
            try (var dead = new KafkaDeadLetterSink(kafka.bootstrapServers(), dlq)) {
                Verdict v = new EventValidator(Catalogs.loadDefault()).validate("{}");
                dead.send(DeadLetter.of("igate", DeadLetter.EVENT, null, v.rejections(), "{}".getBytes(StandardCharsets.UTF_8), 2)).get();
            }
            DeadLetterStats.Counts after = stats.refresh();
            assertThat(after.total()).isEqualTo(9);
            assertThat(after.byReason()).containsEntry("MISSING_FIELD", 1L);
        }
        CliRun pendingOnly = cli(concat(new String[]{"list", "--pending"}, common));
        assertThat(pendingOnly.out()).contains("3 dead letter(s) match").doesNotContain("new-unit-");
        CliRun stats = cli(concat(new String[]{"stats"}, common));
        assertThat(stats.out()).contains("dead letters 9, replayed 6, pending 3");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
