package vn.ioc.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventJson;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.infra.kafka.EmbeddedKafka;
import vn.ioc.ingest.deadletter.DeadLetter;
import vn.ioc.ingest.simulator.ProvinceSimulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ioc.ingest.http.IngestFixture.TOKEN;
import static vn.ioc.ingest.http.IngestFixture.post;
import static vn.ioc.ingest.http.IngestFixture.text;

/**
 * Thousands of malformed items and requests mixed with valid events: every bad one is rejected with
 * a reason, every valid one is on Kafka exactly once, and the server keeps answering.
 */
class IngestFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NDJSON = "application/x-ndjson";
    private static final String APP_JSON = "application/json";
    private static final long LIMIT = 1024 * 1024;
    private static final Set<String> CODES = Set.of("BAD_JSON", "UNKNOWN_TYPE", "MISSING_FIELD", "BAD_TIME", "UNKNOWN_UNIT",
            "UNKNOWN_PROCEDURE", "BAD_VALUE");
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** One item of a body: its bytes and whether it is a valid event (then its id). */
    private record Item(byte[] bytes, String validId) {
    }

    private enum Mutation {
        TRUNCATED(false), WRONG_TYPE(true), INVALID_UTF8(true), DEEP_NESTING(true), UNKNOWN_UNIT(true), ABSURD_DATE(true),
        HUGE_NUMBER(true), OVERSIZED(true), DUPLICATE_KEY(true), MISSING_FIELD(true), UNKNOWN_TYPE(true), NOT_OBJECT(true),
        CONTROL_CHAR_ID(true), EMPTY_ID(true), GARBAGE(true), UNBALANCED(false);

        /** Keeps strings and brackets balanced, so it can sit inside a JSON array without breaking its neighbours. */
        final boolean balanced;

        Mutation(boolean balanced) {
            this.balanced = balanced;
        }
    }

    private static final String[] ABSURD_DATES = {"1899-12-31T00:00:00+07:00", "9999-12-31T23:59:59+07:00",
            "2025-02-30T10:00:00+07:00", "2025-06-03T14:10:00", "0000-00-00T00:00:00Z", "yesterday", "2025-06-03T25:10:00+07:00",
            "2101-01-01T00:00:00+07:00"};

    private final SplittableRandom rnd = new SplittableRandom(4242);

    private byte[] mutate(String json, Mutation m) {
        String s = switch (m) {
            case TRUNCATED -> json.substring(0, 1 + rnd.nextInt(json.length() - 1));
            case WRONG_TYPE -> switch (rnd.nextInt(4)) {
                case 0 -> json.replaceFirst("\"eventId\":\"[^\"]*\"", "\"eventId\":12345");
                case 1 -> json.replaceFirst("\"at\":\"[^\"]*\"", "\"at\":1717000000");
                case 2 -> json.replaceFirst("\"unitCode\":\"[^\"]*\"", "\"unitCode\":true");
                default -> json.replaceFirst("\"type\":\"([A-Z_]*)\"", "\"type\":[\"$1\"]");
            };
            case INVALID_UTF8 -> null;
            case DEEP_NESTING -> json.substring(0, json.length() - 1) + ",\"deep\":" + "[".repeat(20) + "]".repeat(20) + "}";
            case UNKNOWN_UNIT -> json.replaceFirst("\"unitCode\":\"[^\"]*\"", "\"unitCode\":\"000.99.99.H23\"");
            case ABSURD_DATE -> json.replaceFirst("\"at\":\"[^\"]*\"", "\"at\":\"" + ABSURD_DATES[rnd.nextInt(ABSURD_DATES.length)] + "\"");
            case HUGE_NUMBER -> json.substring(0, json.length() - 1) + ",\"n\":" + "9".repeat(100) + "}";
            case OVERSIZED -> json.substring(0, json.length() - 1) + ",\"pad\":\"" + "x".repeat(70_000) + "\"}";
            case DUPLICATE_KEY -> "{\"eventId\":\"dup\"," + json.substring(1);
            case MISSING_FIELD -> json.replaceFirst(",\"unitCode\":\"[^\"]*\"", "");
            case UNKNOWN_TYPE -> json.replaceFirst("\"type\":\"[A-Z_]*\"", "\"type\":\"LOST\"");
            case NOT_OBJECT -> new String[]{"[1,2]", "\"text\"", "null", "42", "true", "{}", "[]"}[rnd.nextInt(7)];
            case CONTROL_CHAR_ID -> json.replaceFirst("\"eventId\":\"[^\"]*\"", "\"eventId\":\"a\\\\u0001b\"");
            case EMPTY_ID -> json.replaceFirst("\"eventId\":\"[^\"]*\"", "\"eventId\":\"  \"");
            case GARBAGE -> new String[]{"hello world", "}", "'single':'quotes'", "{'eventId':'x'}", "NaN", "{\"a\":01}"}[rnd.nextInt(6)];
            case UNBALANCED -> new String[]{"{{{", "{\"eventId\":\"open", "[[", "\uFEFF{\"a\":"}[rnd.nextInt(4)];
        };
        if (m == Mutation.INVALID_UTF8) {
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            int at = json.indexOf("\"unitCode\":\"") + "\"unitCode\":\"".length();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(b, 0, at);
            out.write(rnd.nextBoolean() ? 0xFF : 0xC3);
            out.write(rnd.nextBoolean() ? 0x28 : 0xFE);
            out.write(b, at, b.length - at);
            return out.toByteArray();
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Mutation pick(boolean arrayBody) {
        while (true) {
            Mutation m = Mutation.values()[rnd.nextInt(Mutation.values().length)];
            if (m == Mutation.OVERSIZED && rnd.nextInt(10) != 0) {
                continue; // rare: each keeps 64 KiB in the dead-letter topic
            }
            if (!arrayBody || m.balanced) {
                return m;
            }
        }
    }

    private static byte[] body(List<Item> items, boolean array, SplittableRandom rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(array ? "[".getBytes(StandardCharsets.UTF_8) : new byte[0]);
        for (int i = 0; i < items.size(); i++) {
            if (array && i > 0) {
                out.writeBytes(",\n".getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(items.get(i).bytes());
            if (!array) {
                out.writeBytes((rnd.nextInt(10) == 0 ? "\r\n" : "\n").getBytes(StandardCharsets.UTF_8));
                if (rnd.nextInt(20) == 0) {
                    out.writeBytes("   \n".getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        out.writeBytes(array ? "]".getBytes(StandardCharsets.UTF_8) : new byte[0]);
        return out.toByteArray();
    }

    /** What the test saw, to compare with what is on Kafka. */
    private final Set<String> acceptedIds = new HashSet<>();
    private int rejectedTotal;
    private int malformed;
    private byte[] oversized = new byte[0];

    private JsonNode expectItems(Response r, int code, List<Item> items) throws IOException {
        String text = text(r);
        assertThat(r.code()).as(text.length() > 500 ? text.substring(0, 500) : text).isEqualTo(code);
        JsonNode b = JSON.readTree(text);
        assertThat(b.get("notStored").asInt()).isZero();
        JsonNode results = b.get("results");
        if (items != null) {
            assertThat(results).hasSize(items.size());
        }
        for (JsonNode row : results) {
            String status = row.get("status").asText();
            if (items != null) {
                Item item = items.get(row.get("index").asInt());
                if (item.validId() != null) {
                    assertThat(status).as(new String(item.bytes(), StandardCharsets.UTF_8)).isEqualTo("accepted");
                    assertThat(row.get("eventId").asText()).isEqualTo(item.validId());
                } else {
                    assertThat(status).as(new String(item.bytes(), StandardCharsets.UTF_8)).isEqualTo("rejected");
                }
            }
            if (status.equals("accepted")) {
                assertThat(acceptedIds.add(row.get("eventId").asText())).as("each valid event once").isTrue();
            } else {
                assertThat(status).isEqualTo("rejected");
                assertThat(row.get("errors")).isNotEmpty();
                for (JsonNode e : row.get("errors")) {
                    assertThat(e.get("code").asText()).isIn(CODES);
                    assertThat(e.get("reason").asText()).isNotBlank();
                }
            }
        }
        rejectedTotal += b.get("rejected").asInt();
        return b;
    }

    @Test
    void malformedRequestsAndLinesAreRejectedWithReasonsAndEveryValidEventIsOnKafkaExactlyOnce() throws Exception {
        Instant start = WorkingCalendar.startOfDay(LocalDate.of(2026, 4, 6));
        List<DossierEvent> all = new ProvinceSimulator(IngestFixture.CATALOGS, 99, 2500, start).advanceTo(start.plus(Duration.ofDays(4)));
        Iterator<DossierEvent> valid = all.subList(0, all.size() / 2).iterator();
        Iterator<DossierEvent> spare = all.subList(all.size() / 2, all.size()).iterator();
        Set<String> neverSent = new HashSet<>();
        Map<Integer, Integer> codes = new HashMap<>();

        try (IngestFixture f = new IngestFixture(kafka, IngestLimits.defaults().withMaxRequestBytes(LIMIT))) {
            JavalinTest.test(f.app.javalin(), (server, http) -> {
                // mixed bodies: about half valid events, half malformed items
                for (int req = 0; req < 360; req++) {
                    boolean array = rnd.nextBoolean();
                    int n = 40 + rnd.nextInt(41);
                    List<Item> items = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if (rnd.nextBoolean()) {
                            DossierEvent e = valid.next();
                            items.add(new Item(EventJson.toJsonBytes(e), e.eventId()));
                        } else {
                            items.add(new Item(mutate(EventJson.toJson(spare.next()), pick(array)), null));
                            malformed++;
                        }
                    }
                    Response r = post(http, "/ingest/events", TOKEN, array ? APP_JSON : NDJSON, body(items, array, rnd));
                    expectItems(r, 200, items);
                    codes.merge(200, 1, Integer::sum);
                }
                // whole malformed requests
                for (int req = 0; req < 300; req++) {
                    int kind = rnd.nextInt(10);
                    malformed++;
                    switch (kind) {
                        case 0, 1 -> { // a body cut in the middle of its last item
                            boolean array = kind == 0;
                            List<Item> items = new ArrayList<>();
                            for (int i = 0, k = 1 + rnd.nextInt(10); i < k; i++) {
                                DossierEvent e = valid.next();
                                items.add(new Item(EventJson.toJsonBytes(e), e.eventId()));
                            }
                            String cut = EventJson.toJson(spare.next());
                            items.add(new Item(cut.substring(0, 1 + rnd.nextInt(cut.length() - 1)).getBytes(StandardCharsets.UTF_8), null));
                            byte[] whole = body(items, array, rnd);
                            byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - (array ? 1 : 2) - (whole[whole.length - 2] == '\r' ? 1 : 0));
                            JsonNode b = expectItems(post(http, "/ingest/events", TOKEN, array ? APP_JSON : NDJSON, truncated), 200, items);
                            if (array) {
                                assertThat(b.get("warning").asText()).contains("before the JSON array is closed");
                            }
                        }
                        case 2 -> { // declared over the size limit: refused before reading
                            if (oversized.length == 0) {
                                StringBuilder sb = new StringBuilder();
                                while (sb.length() <= LIMIT) {
                                    DossierEvent e = spare.next();
                                    neverSent.add(e.eventId());
                                    sb.append(EventJson.toJson(e)).append('\n');
                                }
                                oversized = sb.toString().getBytes(StandardCharsets.UTF_8);
                            }
                            Response r = post(http, "/ingest/events", TOKEN, NDJSON, oversized);
                            assertThat(r.code()).isEqualTo(413);
                            assertThat(JSON.readTree(text(r)).get("error").asText()).contains("nothing was read");
                        }
                        case 3 -> { // wrong content types
                            String type = new String[]{"text/plain", "application/xml", "application/x-www-form-urlencoded",
                                    "application/json; charset=latin1"}[rnd.nextInt(4)];
                            Response r = post(http, "/ingest/events", TOKEN, type, EventJson.toJsonBytes(spare.next()));
                            assertThat(r.code()).isEqualTo(415);
                            assertThat(JSON.readTree(text(r)).get("error").asText()).isNotBlank();
                        }
                        case 4 -> { // empty and blank bodies
                            byte[] b = new String[]{"", " ", "\n\n", "\uFEFF"}[rnd.nextInt(4)].getBytes(StandardCharsets.UTF_8);
                            Response r = post(http, "/ingest/events", TOKEN, rnd.nextBoolean() ? APP_JSON : NDJSON, b);
                            assertThat(r.code()).isEqualTo(400);
                            assertThat(JSON.readTree(text(r)).get("error").asText()).isNotBlank();
                        }
                        case 5 -> { // one malformed object as the whole body
                            Item item = new Item(mutate(EventJson.toJson(spare.next()), pick(false)), null);
                            if (item.bytes().length > 0 && item.bytes()[0] == '[') {
                                item = new Item("{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8), null); // would read as an array
                            }
                            expectItems(post(http, "/ingest/events", TOKEN, APP_JSON, item.bytes()), 200, List.of(item));
                        }
                        case 6 -> { // random bytes, as lines
                            byte[] junk = new byte[rnd.nextInt(1, 4000)];
                            for (int i = 0; i < junk.length; i++) {
                                junk[i] = (byte) rnd.nextInt(256);
                            }
                            junk[0] = 'x'; // not blank
                            JsonNode b = expectItems(post(http, "/ingest/events", TOKEN, NDJSON, junk), 200, null);
                            assertThat(b.get("accepted").asInt()).isZero();
                            malformed += b.get("rejected").asInt() - 1;
                        }
                        case 7 -> { // very deep nesting as the whole body
                            String deep = rnd.nextBoolean() ? "[".repeat(100_000) : "{\"a\":" + "[".repeat(50_000);
                            JsonNode b = expectItems(post(http, "/ingest/events", TOKEN, APP_JSON, deep.getBytes(StandardCharsets.UTF_8)), 200, null);
                            assertThat(b.get("rejected").asInt()).isEqualTo(1);
                        }
                        case 8 -> { // a wrong or missing token
                            Response r = post(http, "/ingest/events", rnd.nextBoolean() ? null : "guess-" + req, NDJSON,
                                    EventJson.toJsonBytes(spare.next()));
                            assertThat(r.code()).isEqualTo(401);
                        }
                        default -> { // over the limit without a declared length: read up to the limit, then 413
                            if (req % 5 != 0) { // a few of these are enough, each is 1 MiB
                                Response r = post(http, "/ingest/events", TOKEN, APP_JSON, new byte[]{'{', '}'});
                                expectItems(r, 200, List.of(new Item(new byte[]{'{', '}'}, null)));
                                continue;
                            }
                            ByteArrayOutputStream sb = new ByteArrayOutputStream();
                            while (sb.size() <= LIMIT + 10_000) {
                                sb.writeBytes(EventJson.toJsonBytes(valid.next()));
                                sb.write('\n');
                            }
                            Response r = http.request("/ingest/events", b -> b.post(IngestFixture.chunked(sb.toByteArray(), NDJSON))
                                    .header("Authorization", "Bearer " + TOKEN));
                            JsonNode b = expectItems(r, 413, null);
                            assertThat(b.get("rejected").asInt()).isZero();
                            assertThat(b.get("error").asText()).contains("were not read");
                            // the events after the cut were not read: they are not expected on Kafka
                        }
                    }
                }
                assertThat(http.get("/ingest/health").code()).isEqualTo(200);
            });

            assertThat(malformed).as("malformed requests and items sent").isGreaterThanOrEqualTo(10_000);
            EventValidator validator = new EventValidator(IngestFixture.CATALOGS);
            List<ConsumerRecord<String, byte[]>> records = f.eventRecords();
            Map<String, Long> onKafka = records.stream().map(r -> validator.validate(r.value()).event().eventId())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(records).hasSize(acceptedIds.size());
            assertThat(onKafka.keySet()).isEqualTo(acceptedIds);
            assertThat(onKafka.values()).allMatch(n -> n == 1);
            assertThat(onKafka.keySet()).doesNotContainAnyElementsOf(neverSent);
            List<DeadLetter> dead = f.deadLetterRecords();
            assertThat(dead).hasSize(rejectedTotal);
            assertThat(dead).allMatch(d -> d.source().equals(IngestFixture.SOURCE) && !d.errors().isEmpty());
        }
    }

}
