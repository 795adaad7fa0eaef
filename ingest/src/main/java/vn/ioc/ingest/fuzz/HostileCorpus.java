package vn.ioc.ingest.fuzz;

import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventJson;
import vn.ioc.domain.event.EventType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Hostile input for the ingest endpoint and the file replay, mixed with valid events of a simulated
 * province (an April week, away from the Tết slump): broken items (truncated, wrong types, invalid
 * UTF-8, deep nesting, unknown units and procedures, absurd dates, huge numbers, oversized, ...),
 * broken requests (cut short, over the size limit with and without a declared length, wrong content
 * types, empty, random bytes, wrong or missing tokens) and duplicate floods. Each request and line
 * says what the endpoint or the replay must make of it. The same seed gives the same corpus.
 *
 * <p>Used by {@code IngestFuzzTest} against an endpoint in the test's JVM and by
 * {@link HostileInputMain} (run by {@code ./ioc reliability}) against the running product.
 */
public final class HostileCorpus {

    public static final String NDJSON = "application/x-ndjson";
    public static final String JSON = "application/json";
    /** Valid events come from a province this busy: enough for any corpus within a few simulated days. */
    static final double DOSSIERS_PER_WORKING_DAY = 1000;
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 4, 6);
    /** The bytes of a line long enough that no reader may hold it whole: over 30 times the item limit. */
    static final int HUGE_LINE_BYTES = 2 * 1024 * 1024;
    static final String UNKNOWN_UNIT = "000.99.99.H23";
    static final String UNKNOWN_PROCEDURE = "9.999999";

    /** What is wrong with one item. */
    public enum Mutation {
        TRUNCATED(false), WRONG_TYPE(true), INVALID_UTF8(true), DEEP_NESTING(true), UNKNOWN_UNIT(true),
        UNKNOWN_PROCEDURE(true), ABSURD_DATE(true), HUGE_NUMBER(true), OVERSIZED(true), DUPLICATE_KEY(true),
        MISSING_FIELD(true), UNKNOWN_TYPE(true), NOT_OBJECT(true), CONTROL_CHAR_ID(true), EMPTY_ID(true),
        GARBAGE(true), UNBALANCED(false);

        /** Keeps strings and brackets balanced, so it can sit inside a JSON array without breaking its neighbours. */
        final boolean balanced;

        Mutation(boolean balanced) {
            this.balanced = balanced;
        }
    }

    /** What a whole request tries, with how often it comes once every kind has come once. */
    public enum RequestKind {
        /** 40 to 80 items, about half of them broken. */
        MIXED(50),
        /** Valid items, then the body ends in the middle of its last item. */
        TRUNCATED_BODY(6),
        /** A Content-Length over the request limit: refused before anything is read. */
        DECLARED_OVERSIZE(2),
        /** A body without Content-Length that goes past the request limit: read up to it, then refused. */
        UNDECLARED_OVERSIZE(1),
        WRONG_CONTENT_TYPE(4),
        EMPTY_BODY(4),
        /** One broken object as the whole body. */
        SINGLE_BAD_OBJECT(8),
        RANDOM_BYTES(6),
        /** Tens of thousands of nested brackets as the whole body. */
        DEEP_BODY(3),
        WRONG_TOKEN(4),
        MISSING_TOKEN(2),
        /** The same few valid events and the same broken item, each sent tens of times. */
        DUPLICATE_FLOOD(4);

        final int weight;

        RequestKind(int weight) {
            this.weight = weight;
        }
    }

    /**
     * One item of a body or line of a file: a valid event (its id) or a broken one (its mutation).
     */
    public record Item(byte[] bytes, String validEventId, Mutation mutation) {
        public boolean valid() {
            return validEventId != null;
        }
    }

    /**
     * A body: {@code head}, then {@code filler} over and over up to {@code length} bytes. Sent with a
     * Content-Length when {@code declaredLength}, else in chunks. A body longer than its head is
     * never held in memory.
     */
    public record Body(byte[] head, byte[] filler, long length, boolean declaredLength) {

        static Body of(byte[] bytes) {
            return new Body(bytes, new byte[0], bytes.length, true);
        }

        public boolean inMemory() {
            return length == head.length;
        }

        public InputStream open() {
            return new InputStream() {
                private long position;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (position >= length) {
                        return -1;
                    }
                    int n;
                    if (position < head.length) {
                        n = (int) Math.min(len, head.length - position);
                        System.arraycopy(head, (int) position, b, off, n);
                    } else {
                        int at = (int) ((position - head.length) % filler.length);
                        n = (int) Math.min(Math.min(len, filler.length - at), length - position);
                        System.arraycopy(filler, at, b, off, n);
                    }
                    position += n;
                    return n;
                }
            };
        }
    }

    /**
     * One request to {@code POST /ingest/events} and what must come of it.
     *
     * @param items          the items of the body, each with its expected verdict; null when they
     *                       cannot be told in advance (random bytes): then every one must be rejected
     * @param answersPerItem the answer lists a verdict per item (200, and 413 after reading); else it
     *                       is only an {@code error}
     * @param expectedMessage a text the answer's {@code error} or {@code warning} must contain, or null
     */
    public record Request(int number, RequestKind kind, String contentType, String wrongAuthorization, Body body,
                          List<Item> items, int expectedStatus, boolean answersPerItem, String expectedMessage) {

        /** The Authorization header to send, given the source's token; null for none. */
        public String authorization(String sourceToken) {
            return switch (kind) {
                case WRONG_TOKEN -> wrongAuthorization;
                case MISSING_TOKEN -> null;
                default -> "Bearer " + sourceToken;
            };
        }

        /** The valid events of the body, in order, repeats included. */
        public List<String> validEventIds() {
            return items == null ? List.of() : items.stream().filter(Item::valid).map(Item::validEventId).toList();
        }
    }

    /** What a written JSON Lines file holds, for checking the replay's account of it. */
    public record FileCorpus(long lines, long validLines, long duplicateLines, long badLines,
                             Map<Mutation, Long> badLinesByMutation, long blankLines, Set<String> validEventIds) {

        /** Lines the replay must publish: each valid line, repeats included. */
        public long expectedAccepted() {
            return validLines + duplicateLines;
        }
    }

    private static final String[] ABSURD_DATES = {"1899-12-31T00:00:00+07:00", "9999-12-31T23:59:59+07:00",
            "2025-02-30T10:00:00+07:00", "2025-06-03T14:10:00", "0000-00-00T00:00:00Z", "yesterday", "2025-06-03T25:10:00+07:00",
            "2101-01-01T00:00:00+07:00"};
    private static final String[] NOT_OBJECTS = {"[1,2]", "\"text\"", "null", "42", "true", "{}", "[]"};
    private static final String[] GARBAGE = {"hello world", "}", "'single':'quotes'", "{'eventId':'x'}", "NaN", "{\"a\":01}"};
    private static final String[] UNBALANCED = {"{{{", "{\"eventId\":\"open", "[[", "\uFEFF{\"a\":"};
    private static final String[] WRONG_CONTENT_TYPES = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
            "application/json; charset=latin1", "multipart/form-data; boundary=x", null};
    private static final String[] EMPTY_BODIES = {"", " ", "\n\n", "\uFEFF"};

    private final SplittableRandom rnd;
    private final EventPool pool;
    private final long maxRequestBytes;
    private final List<DossierEvent> validSent = new ArrayList<>();
    private int requestNumber;

    /**
     * @param maxRequestBytes the endpoint's request limit: the oversized bodies go just past it
     */
    public HostileCorpus(Catalogs catalogs, long seed, long maxRequestBytes) {
        this.rnd = new SplittableRandom(seed);
        this.pool = new EventPool(catalogs, seed, DOSSIERS_PER_WORKING_DAY, FIRST_DAY);
        this.maxRequestBytes = maxRequestBytes;
    }

    /** The next request: the first ones try each kind once, then kinds come by their weights. */
    public Request nextRequest() {
        RequestKind[] kinds = RequestKind.values();
        RequestKind kind = requestNumber < kinds.length ? kinds[requestNumber] : weightedKind();
        int number = requestNumber++;
        return switch (kind) {
            case MIXED -> mixed(number);
            case TRUNCATED_BODY -> truncatedBody(number);
            case DECLARED_OVERSIZE -> declaredOversize(number);
            case UNDECLARED_OVERSIZE -> undeclaredOversize(number);
            case WRONG_CONTENT_TYPE -> new Request(number, kind, WRONG_CONTENT_TYPES[rnd.nextInt(WRONG_CONTENT_TYPES.length)],
                    null, Body.of(spareJson()), List.of(), 415, false, null);
            case EMPTY_BODY -> new Request(number, kind, rnd.nextBoolean() ? JSON : NDJSON, null,
                    Body.of(EMPTY_BODIES[rnd.nextInt(EMPTY_BODIES.length)].getBytes(StandardCharsets.UTF_8)), List.of(), 400, false, null);
            case SINGLE_BAD_OBJECT -> singleBadObject(number);
            case RANDOM_BYTES -> randomBytes(number);
            case DEEP_BODY -> deepBody(number);
            case WRONG_TOKEN -> new Request(number, kind, NDJSON, wrongAuthorization(number), Body.of(spareJson()),
                    List.of(), 401, false, null);
            case MISSING_TOKEN -> new Request(number, kind, NDJSON, null, Body.of(spareJson()), List.of(), 401, false, null);
            case DUPLICATE_FLOOD -> duplicateFlood(number);
        };
    }

    /**
     * Writes {@code lines} lines of JSON Lines to {@code out}, blank lines besides: valid events,
     * repeats of valid events (some already sent over HTTP by this corpus, and, in a file of 300 lines
     * or more, one line 200 times in a row), broken lines of every mutation, one line of {@value #HUGE_LINE_BYTES} bytes, CRLF line
     * ends, and a last line cut short without its newline.
     */
    public FileCorpus writeJsonLines(OutputStream out, int lines) throws IOException {
        if (lines < 10) {
            throw new IllegalArgumentException("a hostile file needs at least 10 lines");
        }
        Map<Mutation, Long> bad = new EnumMap<>(Mutation.class);
        Set<String> validIds = new LinkedHashSet<>();
        long valid = 0;
        long duplicates = 0;
        long blank = 0;
        int hugeAt = 1 + rnd.nextInt(lines - 2);
        int floodAt = lines >= 300 ? rnd.nextInt(lines - 250) : -1;
        boolean hugeWritten = false;
        int written = 0;
        while (written < lines - 1) {
            if (written >= hugeAt && !hugeWritten) {
                hugeWritten = true;
                out.write(hugeLine());
                bad.merge(Mutation.OVERSIZED, 1L, Long::sum);
                written++;
            } else if (written == floodAt) {
                DossierEvent e = pool.nextValid();
                validSent.add(e);
                validIds.add(e.eventId());
                byte[] line = EventJson.toJsonBytes(e);
                for (int i = 0; i < 200; i++) {
                    out.write(line);
                    out.write('\n');
                }
                valid++;
                duplicates += 199;
                written += 200;
                continue;
            } else {
                int r = rnd.nextInt(100);
                if (r < 45) {
                    DossierEvent e = pool.nextValid();
                    validSent.add(e);
                    validIds.add(e.eventId());
                    out.write(EventJson.toJsonBytes(e));
                    valid++;
                } else if (r < 50 && !validSent.isEmpty()) {
                    DossierEvent e = validSent.get(rnd.nextInt(validSent.size()));
                    validIds.add(e.eventId());
                    out.write(EventJson.toJsonBytes(e));
                    duplicates++;
                } else {
                    Mutation m = pick(false);
                    out.write(mutate(m));
                    bad.merge(m, 1L, Long::sum);
                }
                written++;
            }
            out.write(rnd.nextInt(10) == 0 ? "\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[]{'\n'});
            if (rnd.nextInt(30) == 0) {
                out.write(rnd.nextBoolean() ? "\n".getBytes(StandardCharsets.US_ASCII) : "  \t \n".getBytes(StandardCharsets.US_ASCII));
                blank++;
            }
        }
        String cut = EventJson.toJson(pool.nextSpare());
        out.write(cut.substring(0, 1 + rnd.nextInt(cut.length() - 1)).getBytes(StandardCharsets.UTF_8));
        bad.merge(Mutation.TRUNCATED, 1L, Long::sum);
        written++;
        long badLines = bad.values().stream().mapToLong(Long::longValue).sum();
        return new FileCorpus(written, valid, duplicates, badLines, bad, blank, validIds);
    }

    private RequestKind weightedKind() {
        int total = Arrays.stream(RequestKind.values()).mapToInt(k -> k.weight).sum();
        int r = rnd.nextInt(total);
        for (RequestKind k : RequestKind.values()) {
            r -= k.weight;
            if (r < 0) {
                return k;
            }
        }
        throw new IllegalStateException("weights");
    }

    private Request mixed(int number) {
        boolean array = rnd.nextBoolean();
        int n = 40 + rnd.nextInt(41);
        List<Item> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(rnd.nextBoolean() ? validItem() : badItem(pick(array)));
        }
        return new Request(number, RequestKind.MIXED, array ? JSON : NDJSON, null, Body.of(join(items, array)),
                items, 200, true, null);
    }

    private Request truncatedBody(int number) {
        boolean array = rnd.nextBoolean();
        List<Item> items = new ArrayList<>();
        for (int i = 0, k = 1 + rnd.nextInt(10); i < k; i++) {
            items.add(validItem());
        }
        String whole = EventJson.toJson(pool.nextSpare());
        items.add(new Item(whole.substring(0, 1 + rnd.nextInt(whole.length() - 1)).getBytes(StandardCharsets.UTF_8),
                null, Mutation.TRUNCATED));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (array) {
            body.write('[');
        }
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                body.writeBytes(array ? ",\n".getBytes(StandardCharsets.US_ASCII) : new byte[]{'\n'});
            }
            body.writeBytes(items.get(i).bytes());
        }
        // no closing bracket, no final newline: the client went away in the middle of its last item
        return new Request(number, RequestKind.TRUNCATED_BODY, array ? JSON : NDJSON, null, Body.of(body.toByteArray()),
                items, 200, true, array ? "before the JSON array is closed" : null);
    }

    private Request declaredOversize(int number) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int i = 0; i < 8; i++) {
            head.writeBytes(spareJson());
            head.write('\n');
        }
        byte[] filler = (new String(spareJson(), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        long length = maxRequestBytes + 1 + rnd.nextInt((int) Math.min(maxRequestBytes, Integer.MAX_VALUE));
        return new Request(number, RequestKind.DECLARED_OVERSIZE, NDJSON, null,
                new Body(head.toByteArray(), filler, length, true), List.of(), 413, false, "nothing was read");
    }

    /**
     * A few valid events, then blank lines past the request limit: the events are read and stored
     * before the limit is reached, and the answer names them.
     */
    private Request undeclaredOversize(int number) {
        List<Item> items = new ArrayList<>();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int i = 0, k = 3 + rnd.nextInt(10); i < k; i++) {
            Item item = validItem();
            items.add(item);
            head.writeBytes(item.bytes());
            head.write('\n');
        }
        byte[] blankLine = (" ".repeat(1023) + "\n").getBytes(StandardCharsets.US_ASCII);
        return new Request(number, RequestKind.UNDECLARED_OVERSIZE, NDJSON, null,
                new Body(head.toByteArray(), blankLine, maxRequestBytes + 16 * 1024, false), items, 413, true,
                "were not read");
    }

    private Request singleBadObject(int number) {
        Item item = badItem(pick(false));
        if (item.bytes().length > 0 && item.bytes()[0] == '[') {
            // an array body is read as a list of items, not as one
            item = new Item("{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8), null, Mutation.MISSING_FIELD);
        }
        return new Request(number, RequestKind.SINGLE_BAD_OBJECT, JSON, null, Body.of(item.bytes()), List.of(item),
                200, true, null);
    }

    private Request randomBytes(int number) {
        byte[] junk = new byte[rnd.nextInt(1, 4000)];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) rnd.nextInt(256);
        }
        junk[0] = 'x'; // not blank: at least one item
        return new Request(number, RequestKind.RANDOM_BYTES, NDJSON, null, Body.of(junk), null, 200, true, null);
    }

    private Request deepBody(int number) {
        String deep = rnd.nextBoolean() ? "[".repeat(100_000) : "{\"a\":" + "[".repeat(50_000);
        byte[] bytes = deep.getBytes(StandardCharsets.UTF_8);
        return new Request(number, RequestKind.DEEP_BODY, JSON, null, Body.of(bytes),
                List.of(new Item(bytes, null, Mutation.DEEP_NESTING)), 200, true, null);
    }

    private Request duplicateFlood(int number) {
        boolean array = rnd.nextBoolean();
        List<Item> items = new ArrayList<>();
        for (int i = 0, k = 3 + rnd.nextInt(6); i < k; i++) {
            Item item = validItem();
            for (int j = 0, times = 20 + rnd.nextInt(41); j < times; j++) {
                items.add(item);
            }
        }
        Mutation m;
        do {
            m = pick(true);
        } while (m == Mutation.OVERSIZED); // twenty of those would make the body itself oversized
        Item broken = badItem(m);
        for (int j = 0; j < 20; j++) {
            items.add(broken);
        }
        Collections.shuffle(items, new java.util.Random(rnd.nextLong()));
        return new Request(number, RequestKind.DUPLICATE_FLOOD, array ? JSON : NDJSON, null, Body.of(join(items, array)),
                items, 200, true, null);
    }

    private String wrongAuthorization(int number) {
        return switch (rnd.nextInt(4)) {
            case 0 -> "Bearer guess-" + number;
            case 1 -> "Bearer";
            case 2 -> "Basic aW9jOmlvYw==";
            default -> "Bearer " + "0".repeat(64);
        };
    }

    private Item validItem() {
        DossierEvent e = pool.nextValid();
        validSent.add(e);
        return new Item(EventJson.toJsonBytes(e), e.eventId(), null);
    }

    private Item badItem(Mutation m) {
        return new Item(mutate(m), null, m);
    }

    private byte[] spareJson() {
        return EventJson.toJsonBytes(pool.nextSpare());
    }

    private Mutation pick(boolean insideArray) {
        Mutation[] all = Mutation.values();
        while (true) {
            Mutation m = all[rnd.nextInt(all.length)];
            if (m == Mutation.OVERSIZED && rnd.nextInt(10) != 0) {
                continue; // rare: each keeps 64 KiB in the dead-letter topic
            }
            if (!insideArray || m.balanced) {
                return m;
            }
        }
    }

    /** A spare event broken by {@code m}; spare events are never sent intact, so no broken item shares a valid id. */
    byte[] mutate(Mutation m) {
        if (m == Mutation.INVALID_UTF8) {
            byte[] b = spareJson();
            String json = new String(b, StandardCharsets.UTF_8);
            int at = json.indexOf("\"unitCode\":\"") + "\"unitCode\":\"".length();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(b, 0, at);
            out.write(rnd.nextBoolean() ? 0xFF : 0xC3);
            out.write(rnd.nextBoolean() ? 0x28 : 0xFE);
            out.write(b, at, b.length - at);
            return out.toByteArray();
        }
        String json = m == Mutation.UNKNOWN_PROCEDURE
                ? EventJson.toJson(pool.nextSpare(EventType.RECEIVED))
                : EventJson.toJson(pool.nextSpare());
        String s = switch (m) {
            case TRUNCATED -> json.substring(0, 1 + rnd.nextInt(json.length() - 1));
            case WRONG_TYPE -> switch (rnd.nextInt(4)) {
                case 0 -> json.replaceFirst("\"eventId\":\"[^\"]*\"", "\"eventId\":12345");
                case 1 -> json.replaceFirst("\"at\":\"[^\"]*\"", "\"at\":1717000000");
                case 2 -> json.replaceFirst("\"unitCode\":\"[^\"]*\"", "\"unitCode\":true");
                default -> json.replaceFirst("\"type\":\"([A-Z_]*)\"", "\"type\":[\"$1\"]");
            };
            case DEEP_NESTING -> json.substring(0, json.length() - 1) + ",\"deep\":" + "[".repeat(20) + "]".repeat(20) + "}";
            case UNKNOWN_UNIT -> json.replaceFirst("\"unitCode\":\"[^\"]*\"", "\"unitCode\":\"" + UNKNOWN_UNIT + "\"");
            case UNKNOWN_PROCEDURE -> json.replaceFirst("\"procedureCode\":\"[^\"]*\"", "\"procedureCode\":\"" + UNKNOWN_PROCEDURE + "\"");
            case ABSURD_DATE -> json.replaceFirst("\"at\":\"[^\"]*\"", "\"at\":\"" + ABSURD_DATES[rnd.nextInt(ABSURD_DATES.length)] + "\"");
            case HUGE_NUMBER -> json.substring(0, json.length() - 1) + ",\"n\":" + "9".repeat(100) + "}";
            case OVERSIZED -> json.substring(0, json.length() - 1) + ",\"pad\":\"" + "x".repeat(70_000) + "\"}";
            case DUPLICATE_KEY -> "{\"eventId\":\"dup\"," + json.substring(1);
            case MISSING_FIELD -> json.replaceFirst(",\"unitCode\":\"[^\"]*\"", "");
            case UNKNOWN_TYPE -> json.replaceFirst("\"type\":\"[A-Z_]*\"", "\"type\":\"LOST\"");
            case NOT_OBJECT -> NOT_OBJECTS[rnd.nextInt(NOT_OBJECTS.length)];
            case CONTROL_CHAR_ID -> json.replaceFirst("\"eventId\":\"[^\"]*\"", "\"eventId\":\"a\\\\u0001b\"");
            case EMPTY_ID -> json.replaceFirst("\"eventId\":\"[^\"]*\"", "\"eventId\":\"  \"");
            case GARBAGE -> GARBAGE[rnd.nextInt(GARBAGE.length)];
            case UNBALANCED -> UNBALANCED[rnd.nextInt(UNBALANCED.length)];
            case INVALID_UTF8 -> throw new IllegalStateException("handled above");
        };
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON Lines line of {@value #HUGE_LINE_BYTES} bytes and its newline, shaped like an event. */
    private static byte[] hugeLine() {
        String start = "{\"eventId\":\"huge\",\"pad\":\"";
        byte[] line = new byte[HUGE_LINE_BYTES];
        Arrays.fill(line, (byte) 'x');
        byte[] s = start.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, line, 0, s.length);
        line[line.length - 2] = '"';
        line[line.length - 1] = '}';
        return line;
    }

    private byte[] join(List<Item> items, boolean array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (array) {
            out.write('[');
        }
        for (int i = 0; i < items.size(); i++) {
            if (array && i > 0) {
                out.writeBytes(",\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes(items.get(i).bytes());
            if (!array) {
                out.writeBytes((rnd.nextInt(10) == 0 ? "\r\n" : "\n").getBytes(StandardCharsets.US_ASCII));
                if (rnd.nextInt(20) == 0) {
                    out.writeBytes("   \n".getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        if (array) {
            out.write(']');
        }
        return out.toByteArray();
    }
}
