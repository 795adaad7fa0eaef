package vn.ioc.ingest.replay;

import vn.ioc.ingest.CliRun;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventJson;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.infra.kafka.EmbeddedKafka;
import vn.ioc.ingest.deadletter.DeadLetter;
import vn.ioc.ingest.deadletter.DeadLetterJson;
import vn.ioc.ingest.kafka.TopicContents;
import vn.ioc.ingest.kafka.TopicSpec;
import vn.ioc.ingest.kafka.Topics;
import vn.ioc.ingest.simulator.ProvinceSimulator;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayMainTest {

    private static final Catalogs CATALOGS = Catalogs.loadDefault();
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static CliRun replay(String... args) {
        return CliRun.of(ReplayMain::run, args);
    }

    private static String[] topics() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "events-" + suffix;
        String dlq = "dlq-" + suffix;
        Topics.ensure(kafka.bootstrapServers(), List.of(TopicSpec.retained(topic, 4, -1), TopicSpec.retained(dlq, 1, -1)));
        return new String[]{topic, dlq};
    }

    private static List<DossierEvent> simulated(int days) {
        Instant start = WorkingCalendar.startOfDay(LocalDate.of(2026, 3, 2));
        return new ProvinceSimulator(CATALOGS, 21, 600, start).advanceTo(start.plus(Duration.ofDays(days)));
    }

    @Test
    void aGzipFileWithAFewBadLinesIsPublishedAndTheBadLinesAreDeadLetteredWithTheirLineNumbers(@TempDir Path dir) throws Exception {
        List<DossierEvent> events = simulated(2);
        List<String> lines = new java.util.ArrayList<>(events.stream().map(EventJson::toJson).toList());
        int middle = events.size() / 2;
        // line numbers from 1, each bad line inserted before the event that had that number
        lines.add(middle - 1, "{\"eventId\":\"u\",\"dossierId\":\"y\",\"type\":\"SUBMITTED\",\"at\":\"1999-12-31T08:00:00+07:00\",\"unitCode\":\"000.99.99.H23\"}");
        lines.add(99, "{\"eventId\":\"trunc");
        lines.add(2, "{\"eventId\":\"x\",\"dossierId\":\"y\",\"type\":\"LOST\",\"at\":\"2026-03-02T08:00:00+07:00\",\"unitCode\":\"000.00.12.H23\"}");
        Path file = dir.resolve("events.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        int written = events.size();
        String[] t = topics();
        CliRun run = replay("--bootstrap-servers", kafka.bootstrapServers(), "--topic", t[0], "--dlq-topic", t[1], "--file", file.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains(String.format("%,d lines, %,d accepted, 3 rejected", written + 3, written), "events/s");

        List<ConsumerRecord<String, byte[]>> records = TopicContents.read(kafka.bootstrapServers(), t[0]);
        assertThat(records).hasSize(events.size());
        EventValidator validator = new EventValidator(CATALOGS);
        assertThat(records.stream().map(r -> validator.validate(r.value()).event().eventId()).collect(Collectors.toSet()))
                .isEqualTo(events.stream().map(DossierEvent::eventId).collect(Collectors.toSet()));
        List<DeadLetter> dead = TopicContents.read(kafka.bootstrapServers(), t[1]).stream()
                .map(r -> (DeadLetter) DeadLetterJson.read(r.value())).toList();
        assertThat(dead).extracting(DeadLetter::origin).containsExactlyInAnyOrder("events.jsonl.gz line 3",
                "events.jsonl.gz line 101", "events.jsonl.gz line " + (middle + 2));
        for (DeadLetter d : dead) {
            int n = Integer.parseInt(d.origin().substring("events.jsonl.gz line ".length()));
            assertThat(new String(d.raw(), StandardCharsets.UTF_8)).isEqualTo(lines.get(n - 1));
        }
        assertThat(dead).extracting(DeadLetter::source).containsOnly("file:events.jsonl.gz");
        assertThat(dead).extracting(DeadLetter::reasonCode).containsExactlyInAnyOrder("UNKNOWN_TYPE", "BAD_JSON", "BAD_TIME");
    }

    @Test
    void pacedByEventTimeTheReplayTakesTheEventsTimeDividedBySpeed(@TempDir Path dir) throws Exception {
        Instant t0 = Instant.parse("2026-03-02T01:00:00Z");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= 10; i++) { // 10 simulated minutes
            sb.append(EventJson.toJson(DossierEvent.of("p-" + i, "000.00.12.H23-260302-0" + i,
                    vn.ioc.domain.event.EventType.SUBMITTED, t0.plus(Duration.ofMinutes(i)), "000.00.12.H23"))).append('\n');
        }
        Path file = dir.resolve("paced.jsonl");
        Files.writeString(file, sb.toString());
        String[] t = topics();
        long start = System.nanoTime();
        CliRun run = replay("--bootstrap-servers", kafka.bootstrapServers(), "--topic", t[0], "--dlq-topic", t[1], "--file", file.toString(),
                "--paced-by-event-time", "--speed", "600", "--source", "paced-test");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(seconds).isGreaterThanOrEqualTo(0.95); // 600 s of events at x600
        assertThat(TopicContents.read(kafka.bootstrapServers(), t[0])).hasSize(11);
    }

    @Test
    void problemsGiveAClearMessageAndANonZeroExitCode(@TempDir Path dir) throws Exception {
        CliRun missing = replay("--bootstrap-servers", kafka.bootstrapServers(), "--file", dir.resolve("nope.jsonl").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("Cannot read");

        CliRun usage = replay("--bootstrap-servers", kafka.bootstrapServers());
        assertThat(usage.code()).isEqualTo(64);
        assertThat(usage.err()).contains("--file is required");

        Path file = dir.resolve("x.jsonl");
        Files.writeString(file, "{}\n");
        CliRun noTopic = replay("--bootstrap-servers", kafka.bootstrapServers(), "--topic", "no-such-topic", "--file", file.toString());
        assertThat(noTopic.code()).isEqualTo(2);
        assertThat(noTopic.err()).contains("no-such-topic");

        Path corrupt = dir.resolve("corrupt.jsonl.gz");
        Files.write(corrupt, new byte[]{0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        String[] t = topics();
        CliRun broken = replay("--bootstrap-servers", kafka.bootstrapServers(), "--topic", t[0], "--dlq-topic", t[1], "--file", corrupt.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err()).contains("Cannot read");
    }
}
