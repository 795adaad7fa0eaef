package vn.ioc.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.infra.kafka.EmbeddedKafka;
import vn.ioc.ingest.deadletter.DeadLetter;
import vn.ioc.ingest.deadletter.KafkaDeadLetterSink;
import vn.ioc.ingest.kafka.EventPublisher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ioc.ingest.http.IngestFixture.TOKEN;
import static vn.ioc.ingest.http.IngestFixture.post;
import static vn.ioc.ingest.http.IngestFixture.text;

class IngestAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NDJSON = "application/x-ndjson";
    private static final String APP_JSON = "application/json";
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static List<String> exampleLines() throws IOException {
        return Files.readAllLines(Path.of("/work/shared/domain/examples/events.jsonl")).stream().filter(l -> !l.isBlank()).toList();
    }

    private static JsonNode json(Response r) throws IOException {
        return JSON.readTree(text(r));
    }

    @Test
    void acceptedEventsLandOnKafkaKeyedByDossierIdWithTheirSource() throws Exception {
        List<String> lines = exampleLines();
        try (IngestFixture f = new IngestFixture(kafka, IngestLimits.defaults())) {
            JavalinTest.test(f.app.javalin(), (server, http) -> {
                Response r = post(http, "/ingest/events", TOKEN, NDJSON, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
                assertThat(r.code()).isEqualTo(200);
                JsonNode body = json(r);
                assertThat(body.get("accepted").asInt()).isEqualTo(lines.size());
                assertThat(body.get("rejected").asInt()).isZero();
                assertThat(body.get("notStored").asInt()).isZero();
                assertThat(body.get("results")).hasSize(lines.size());
                assertThat(body.get("results").get(2).get("status").asText()).isEqualTo("accepted");
                assertThat(body.get("results").get(2).get("eventId").asText()).isEqualTo("e-0003");
            });
            List<ConsumerRecord<String, byte[]>> records = f.eventRecords();
            assertThat(records).hasSize(lines.size());
            EventValidator validator = new EventValidator(IngestFixture.CATALOGS);
            for (ConsumerRecord<String, byte[]> rec : records) {
                var event = validator.validate(rec.value()).event();
                assertThat(rec.key()).isEqualTo(event.dossierId());
                assertThat(new String(rec.headers().lastHeader(EventPublisher.SOURCE_HEADER).value(), StandardCharsets.UTF_8))
                        .isEqualTo(IngestFixture.SOURCE);
            }
            // a dossier's events share a partition, so they stay in order
            Map<String, java.util.Set<Integer>> partitions = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                    Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
            assertThat(partitions.values()).allMatch(s -> s.size() == 1);
        }
    }

    @Test
    void aMixedBatchGivesPerItemVerdictsAndTheRejectedOnesAreDeadLettersWithReasons() throws Exception {
        List<String> lines = exampleLines();
        String unknownUnit = lines.get(0).replace("000.00.12.H23\",\"type", "000.99.99.H23\",\"type")
                .replace("\"unitCode\":\"000.00.12.H23\"", "\"unitCode\":\"000.99.99.H23\"").replace("e-0001", "e-bad-unit");
        String badTime = lines.get(1).replace("2025-06-02T08:05:00+07:00", "2025-06-31T08:05:00+07:00").replace("e-0002", "e-bad-time");
        String body = "[" + lines.get(2) + ",\n" + unknownUnit + ",\n{\"eventId\": tru},\n" + badTime + ",\n" + lines.get(3) + "]";
        try (IngestFixture f = new IngestFixture(kafka, IngestLimits.defaults())) {
            JavalinTest.test(f.app.javalin(), (server, http) -> {
                Response r = post(http, "/ingest/events", TOKEN, APP_JSON + "; charset=UTF-8", body.getBytes(StandardCharsets.UTF_8));
                assertThat(r.code()).isEqualTo(200);
                JsonNode b = json(r);
                assertThat(b.get("accepted").asInt()).isEqualTo(2);
                assertThat(b.get("rejected").asInt()).isEqualTo(3);
                JsonNode results = b.get("results");
                assertThat(results).extracting(n -> n.get("status").asText())
                        .containsExactly("accepted", "rejected", "rejected", "rejected", "accepted");
                assertThat(results.get(1).get("eventId").asText()).isEqualTo("e-bad-unit");
                assertThat(results.get(1).get("errors").get(0).get("code").asText()).isEqualTo("UNKNOWN_UNIT");
                assertThat(results.get(1).get("errors").get(0).get("field").asText()).isEqualTo("unitCode");
                assertThat(results.get(2).get("eventId").isNull()).isTrue();
                assertThat(results.get(2).get("errors").get(0).get("code").asText()).isEqualTo("BAD_JSON");
                assertThat(results.get(3).get("errors").get(0).get("code").asText()).isEqualTo("BAD_TIME");
                assertThat(results.get(3).get("line").asInt()).isEqualTo(4);

                Response stats = http.request("/ingest/dead-letters/stats", rb -> rb.header("Authorization", "Bearer " + TOKEN));
                JsonNode s = json(stats);
                assertThat(s.get("total").asInt()).isEqualTo(3);
                assertThat(s.get("pending").asInt()).isEqualTo(3);
                assertThat(s.get("byReason").get("UNKNOWN_UNIT").asInt()).isEqualTo(1);
                assertThat(s.get("bySource").get(IngestFixture.SOURCE).asInt()).isEqualTo(3);
            });
            assertThat(f.eventRecords()).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrder("000.00.12.H23-250602-0001", "000.00.12.H23-250602-0001");
            List<DeadLetter> dead = f.deadLetterRecords();
            assertThat(dead).hasSize(3);
            assertThat(dead).extracting(DeadLetter::reasonCode).containsExactlyInAnyOrder("UNKNOWN_UNIT", "BAD_JSON", "BAD_TIME");
            assertThat(dead).allMatch(d -> d.source().equals(IngestFixture.SOURCE));
            DeadLetter unit = dead.stream().filter(d -> d.reasonCode().equals("UNKNOWN_UNIT")).findFirst().orElseThrow();
            assertThat(new String(unit.raw(), StandardCharsets.UTF_8)).isEqualTo(unknownUnit);
            assertThat(unit.reason()).contains("000.99.99.H23");
            assertThat(unit.origin()).contains("item 1");
        }
    }

    @Test
    void oneObjectIsOneItem() throws Exception {
        try (IngestFixture f = new IngestFixture(kafka, IngestLimits.defaults())) {
            JavalinTest.test(f.app.javalin(), (server, http) -> {
                Response r = post(http, "/ingest/events", TOKEN, APP_JSON, exampleLines().get(5).getBytes(StandardCharsets.UTF_8));
                assertThat(r.code()).isEqualTo(200);
                assertThat(json(r).get("accepted").asInt()).isEqualTo(1);
            });
            assertThat(f.eventRecords()).hasSize(1);
        }
    }

    @Test
    void withoutTheRightTokenNothingIsRead() throws Exception {
        try (IngestFixture f = new IngestFixture(kafka, IngestLimits.defaults())) {
            JavalinTest.test(f.app.javalin(), (server, http) -> {
                byte[] body = exampleLines().get(0).getBytes(StandardCharsets.UTF_8);
                for (String token : new String[]{null, "wrong-token", ""}) {
                    Response r = post(http, "/ingest/events", token, NDJSON, body);
                    assertThat(r.code()).as("token %s", token).isEqualTo(401);
                    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
                    assertThat(json(r).get("error").asText()).isNotBlank();
                }
                Response basic = http.request("/ingest/events", b -> b.post(RequestBody.create(body, MediaType.get(NDJSON)))
                        .header("Authorization", "Basic " + TOKEN));
                assertThat(basic.code()).isEqualTo(401);
                assertThat(post(http, "/ingest/national-sync", "nope", APP_JSON, body).code()).isEqualTo(401);
                assertThat(http.get("/ingest/dead-letters/stats").code()).isEqualTo(401);
                assertThat(http.get("/ingest/health").code()).isEqualTo(200);
            });
            assertThat(f.eventRecords()).isEmpty();
            assertThat(f.deadLetterRecords()).isEmpty();
        }
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        IngestLimits limits = IngestLimits.defaults().withMaxRequestBytes(64 * 1024);
        String line = exampleLines().get(0);
        try (IngestFixture f = new IngestFixture(kafka, limits)) {
            JavalinTest.test(f.app.javalin(), (server, http) -> {
                StringBuilder big = new StringBuilder();
                int n = 0;
                while (big.length() < 100 * 1024) {
                    big.append(line.replace("e-0001", "e-big-" + n++)).append('\n');
                }
                byte[] body = big.toString().getBytes(StandardCharsets.UTF_8);
                Response declared = post(http, "/ingest/events", TOKEN, NDJSON, body);
                assertThat(declared.code()).isEqualTo(413);
                assertThat(json(declared).get("error").asText()).contains("limit of 65536 bytes");

                // without a declared length the body is read up to the limit: what was read is answered for
                Response chunked = http.request("/ingest/events", b -> b.post(IngestFixture.chunked(body, NDJSON))
                        .header("Authorization", "Bearer " + TOKEN));
                assertThat(chunked.code()).isEqualTo(413);
                JsonNode r = json(chunked);
                int accepted = r.get("accepted").asInt();
                assertThat(accepted).isPositive().isLessThan(n);
                assertThat(r.get("error").asText()).contains("items from index " + (accepted + r.get("rejected").asInt()) + " on were not read");
                assertThat(f.eventRecords()).hasSize(accepted);
            });
        }
    }

    @Test
    void unknownContentTypesAndEmptyBodiesAreRefused() throws Exception {
        try (IngestFixture f = new IngestFixture(kafka, IngestLimits.defaults())) {
            JavalinTest.test(f.app.javalin(), (server, http) -> {
                byte[] body = exampleLines().get(0).getBytes(StandardCharsets.UTF_8);
                assertThat(post(http, "/ingest/events", TOKEN, "text/plain", body).code()).isEqualTo(415);
                assertThat(post(http, "/ingest/events", TOKEN, null, body).code()).isEqualTo(415);
                assertThat(post(http, "/ingest/events", TOKEN, "application/json; charset=ISO-8859-1", body).code()).isEqualTo(415);
                assertThat(post(http, "/ingest/events", TOKEN, APP_JSON, new byte[0]).code()).isEqualTo(400);
                assertThat(post(http, "/ingest/events", TOKEN, NDJSON, "\n \n".getBytes(StandardCharsets.UTF_8)).code()).isEqualTo(400);
                Response empty = post(http, "/ingest/events", TOKEN, APP_JSON, "[]".getBytes(StandardCharsets.UTF_8));
                assertThat(empty.code()).isEqualTo(200);
                assertThat(json(empty).get("accepted").asInt()).isZero();
            });
            assertThat(f.eventRecords()).isEmpty();
        }
    }

    @Test
    void whenAllRequestSlotsAreTakenTheNextRequestGets429WithRetryAfter() throws Exception {
        IngestLimits limits = IngestLimits.defaults().withMaxConcurrentRequests(1);
        try (IngestFixture f = new IngestFixture(kafka, limits)) {
            JavalinTest.test(f.app.javalin(), (server, http) -> {
                CountDownLatch firstChunkSent = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                byte[] line = (exampleLines().get(0) + "\n").getBytes(StandardCharsets.UTF_8);
                RequestBody slow = new RequestBody() {
                    @Override
                    public MediaType contentType() {
                        return MediaType.get(NDJSON);
                    }

                    @Override
                    public void writeTo(BufferedSink sink) throws IOException {
                        sink.write(line);
                        sink.flush();
                        firstChunkSent.countDown();
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                    }
                };
                CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> http.request("/ingest/events",
                        b -> b.post(slow).header("Authorization", "Bearer " + TOKEN)));
                assertThat(firstChunkSent.await(10, TimeUnit.SECONDS)).isTrue();
                // the first request holds the only slot once its first line is on Kafka, its body still open
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (f.eventRecords().isEmpty()) {
                    assertThat(System.nanoTime()).as("first line published").isLessThan(deadline);
                    assertThat(first).isNotDone();
                    Thread.sleep(50);
                }
                Response second = post(http, "/ingest/events", TOKEN, NDJSON, line);
                assertThat(second.code()).isEqualTo(429);
                assertThat(second.header("Retry-After")).isEqualTo("5");
                release.countDown();
                Response done = first.get(30, TimeUnit.SECONDS);
                assertThat(done.code()).isEqualTo(200);
                assertThat(post(http, "/ingest/events", TOKEN, NDJSON, line).code()).isEqualTo(200);
            });
        }
    }

    @Test
    void whenKafkaIsDownTheAnswerIs503AndNamesWhatWasNotStored() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        String nowhere = "127.0.0.1:" + deadPort;
        List<String> lines = exampleLines();
        try (EventPublisher events = new EventPublisher(nowhere, "dossier-events", Duration.ofSeconds(1), Duration.ofSeconds(3));
             KafkaDeadLetterSink dead = new KafkaDeadLetterSink(nowhere, "dossier-events-dlq", Duration.ofSeconds(1), Duration.ofSeconds(3))) {
            IngestApp app = new IngestApp(events, dead, new EventValidator(IngestFixture.CATALOGS), IngestFixture.tokens(),
                    IngestLimits.defaults().withRetryAfter(Duration.ofSeconds(30)), null, null, null);
            JavalinTest.test(app.javalin(), (server, http) -> {
                String body = lines.get(0) + "\n{\"not\":\"an event\"}\n" + lines.get(1) + "\n";
                long start = System.nanoTime();
                Response r = post(http, "/ingest/events", TOKEN, NDJSON, body.getBytes(StandardCharsets.UTF_8));
                assertThat(r.code()).isEqualTo(503);
                assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 30L);
                JsonNode b = json(r);
                assertThat(b.get("accepted").asInt()).isZero();
                assertThat(b.get("notStored").asInt()).isEqualTo(3);
                assertThat(b.get("results")).extracting(n -> n.get("status").asText()).containsOnly("not_stored");
                assertThat(b.get("results").get(0).get("eventId").asText()).isEqualTo("e-0001");
                JsonNode lastErrors = b.get("results").get(1).get("errors");
                assertThat(lastErrors.get(lastErrors.size() - 1).get("code").asText()).isEqualTo("NOT_STORED");
                assertThat(b.get("error").asText()).contains("must be sent again");
                // one wait for the broker per request, not one per item
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));

                // The breaker refuses the next request before reading its body ("nothing was read").
                Response next = post(http, "/ingest/events", TOKEN, NDJSON, body.getBytes(StandardCharsets.UTF_8));
                assertThat(next.code()).isEqualTo(503);
                assertThat(json(next).get("error").asText()).contains("nothing was read");
                assertThat(json(http.get("/ingest/health")).get("kafka").asText()).startsWith("unavailable");
            });
        }
    }

}
