package vn.ioc.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.infra.kafka.EmbeddedKafka;
import vn.ioc.ingest.CliRun;
import vn.ioc.ingest.deadletter.DeadLetter;
import vn.ioc.ingest.fuzz.HostileClient;
import vn.ioc.ingest.fuzz.HostileCorpus;
import vn.ioc.ingest.fuzz.HostileInputMain;
import vn.ioc.ingest.fuzz.HostileTally;
import vn.ioc.ingest.replay.FileReplay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ioc.ingest.http.IngestFixture.TOKEN;

/**
 * Thousands of malformed items and requests of the hostile corpus ({@link HostileCorpus}, the one
 * {@code ./ioc reliability} sends to the running product) mixed with valid events, sent over real
 * connections: every bad one is rejected with a reason and dead-lettered, every valid one is on Kafka
 * as many times as it was sent, and the server keeps answering.
 */
class IngestFuzzTest {

    private static final long LIMIT = 1024 * 1024;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void malformedRequestsAndItemsAreRejectedWithReasonsAndEveryValidEventIsOnKafkaAsOftenAsItWasSent() throws Exception {
        try (IngestFixture f = new IngestFixture(kafka, IngestLimits.defaults().withMaxRequestBytes(LIMIT));
             HostileClient client = new HostileClient(URI.create("http://localhost:" + f.app.start(0).port()), TOKEN,
                     Duration.ofSeconds(60))) {
            HostileCorpus corpus = new HostileCorpus(IngestFixture.CATALOGS, 4242, LIMIT);
            HostileTally tally = new HostileTally();
            Set<HostileCorpus.RequestKind> kinds = EnumSet.noneOf(HostileCorpus.RequestKind.class);
            for (int i = 0; i < 660; i++) {
                HostileCorpus.Request request = corpus.nextRequest();
                kinds.add(request.kind());
                client.send(request, tally);
            }
            assertThat(tally.mismatches()).as(String.join("\n", tally.mismatchExamples())).isZero();
            assertThat(client.healthy()).isTrue();
            assertThat(kinds).containsExactlyInAnyOrder(HostileCorpus.RequestKind.values());
            assertThat(tally.badItems()).as("malformed items sent").isGreaterThanOrEqualTo(10_000);
            assertThat(tally.rejectedWithReason()).isEqualTo(tally.badItems());
            assertThat(tally.acceptedItems()).isEqualTo(tally.validItems());
            assertThat(tally.answersByStatus().keySet()).containsExactlyInAnyOrder(200, 400, 401, 413, 415);
            assertThat(tally.acceptedTimesById().values()).as("duplicate floods").anyMatch(n -> n >= 20);

            EventValidator validator = new EventValidator(IngestFixture.CATALOGS);
            List<ConsumerRecord<String, byte[]>> records = f.eventRecords();
            Map<String, Integer> onKafka = records.stream().map(r -> validator.validate(r.value()).event().eventId())
                    .collect(Collectors.toMap(Function.identity(), id -> 1, Integer::sum));
            assertThat(records).hasSize((int) tally.acceptedItems());
            assertThat(onKafka).isEqualTo(tally.acceptedTimesById());

            List<DeadLetter> dead = f.deadLetterRecords();
            assertThat(dead).hasSize((int) tally.rejectedItems());
            assertThat(dead).allMatch(d -> d.source().equals(IngestFixture.SOURCE) && !d.errors().isEmpty());
            Map<String, Long> deadByReason = dead.stream().collect(Collectors.groupingBy(DeadLetter::reasonCode, Collectors.counting()));
            assertThat(deadByReason).isEqualTo(tally.rejectedByReason());
        }
    }

    @Test
    void theHostileInputCommandAccountsForEveryRequestAndItsFileForEveryLineTheReplayReads(@TempDir Path dir) throws Exception {
        try (IngestFixture f = new IngestFixture(kafka, IngestLimits.defaults().withMaxRequestBytes(LIMIT))) {
            f.app.start(0);
            Path tokenFile = dir.resolve("token");
            Files.writeString(tokenFile, TOKEN + "\n");
            Path out = dir.resolve("out");
            CliRun run = CliRun.of(HostileInputMain::run, "--url", "http://localhost:" + f.app.port(),
                    "--token-file", tokenFile.toString(), "--out", out.toString(), "--requests", "40",
                    "--file-lines", "400", "--max-request-bytes", Long.toString(LIMIT), "--seed", "9");
            assertThat(run.code()).as(run.out() + run.err()).isZero();
            JsonNode summary = new ObjectMapper().readTree(out.resolve(HostileInputMain.SUMMARY).toFile());
            assertThat(summary.at("/http/requests").asLong()).isEqualTo(40);
            assertThat(summary.at("/http/mismatches").asLong()).isZero();
            assertThat(summary.at("/healthyAfter").asBoolean()).isTrue();
            long httpAccepted = summary.at("/http/acceptedItems").asLong();

            FileReplay.Summary replay = new FileReplay(new EventValidator(IngestFixture.CATALOGS), f.events, f.deadLetters,
                    "file:" + HostileInputMain.FILE, null).run(out.resolve(HostileInputMain.FILE));
            assertThat(replay.lines()).isEqualTo(summary.at("/file/lines").asLong());
            assertThat(replay.accepted()).isEqualTo(summary.at("/file/expectedAccepted").asLong());
            assertThat(replay.rejected()).isEqualTo(summary.at("/file/badLines").asLong()).isPositive();

            EventValidator validator = new EventValidator(IngestFixture.CATALOGS);
            List<ConsumerRecord<String, byte[]>> records = f.eventRecords();
            assertThat(records).hasSize((int) summary.at("/expectedEventRecords").asLong())
                    .hasSize((int) (httpAccepted + replay.accepted()));
            Set<String> ids = records.stream().map(r -> validator.validate(r.value()).event().eventId())
                    .collect(Collectors.toCollection(HashSet::new));
            assertThat(ids).isEqualTo(new HashSet<>(Files.readAllLines(out.resolve(HostileInputMain.EXPECTED_IDS),
                    StandardCharsets.UTF_8)));
            assertThat(f.deadLetterRecords()).hasSize((int) (summary.at("/http/rejectedItems").asLong() + replay.rejected()));
        }
    }
}
