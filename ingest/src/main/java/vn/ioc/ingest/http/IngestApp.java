package vn.ioc.ingest.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ioc.domain.catalog.ProcedureCatalog;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.ingest.deadletter.DeadLetterSink;
import vn.ioc.ingest.deadletter.DeadLetterStats;
import vn.ioc.ingest.input.ItemReader;
import vn.ioc.ingest.input.ItemReaders;
import vn.ioc.ingest.input.RawItem;
import vn.ioc.ingest.kafka.EventSink;
import vn.ioc.ingest.sync.SnapshotStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The HTTP endpoint one-stop systems post dossier events and national-portal snapshots to
 * (docs/ingest.md). Each source authenticates with its own bearer token. A body is read item by
 * item, never whole; each item is validated and sent to Kafka (accepted events to the events topic,
 * rejected ones to the dead-letter topic), and the answer, once Kafka has acknowledged every record
 * (acks=all), gives the verdict of each item. 200: everything is stored; 503 with Retry-After: some
 * items were not stored (they are named) and should be sent again; resending is harmless because
 * event ids count once.
 *
 * <pre>
 * POST /ingest/events             application/json (an object or an array) or application/x-ndjson
 * POST /ingest/national-sync      one snapshot, an array of snapshots, or snapshots as JSON Lines
 * GET  /ingest/dead-letters/stats counts of the dead-letter topic
 * GET  /ingest/health             no token needed
 * </pre>
 */
public final class IngestApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);

    /** A snapshot with applicant data and attachments lists is larger than an event. */
    static final int MAX_SNAPSHOT_BYTES = 1024 * 1024;

    private final EventSink events;
    private final DeadLetterSink deadLetters;
    private final EventValidator validator;
    private final SourceTokens tokens;
    private final IngestLimits limits;
    private final SnapshotStore snapshots;
    private final ProcedureCatalog procedures;
    private final DeadLetterStats deadLetterStats;
    private final Admission admission;
    private final KafkaBreaker breaker;
    private final Javalin javalin;

    /**
     * @param events          where accepted events go (e.g. {@link vn.ioc.ingest.kafka.EventPublisher})
     * @param deadLetters     where rejected inputs go (e.g. {@link vn.ioc.ingest.deadletter.KafkaDeadLetterSink})
     * @param validator       the event contract, with the catalogs units and procedures are checked against
     * @param tokens          the sources allowed to post and their tokens
     * @param limits          request size, concurrency and in-flight bounds
     * @param snapshots       latest national-portal snapshot per dossier; null disables /ingest/national-sync
     * @param procedures      the procedure catalog (feeRequired of events derived from snapshots)
     * @param deadLetterStats counts for /ingest/dead-letters/stats; null disables it
     */
    public IngestApp(EventSink events, DeadLetterSink deadLetters, EventValidator validator, SourceTokens tokens,
                     IngestLimits limits, SnapshotStore snapshots, ProcedureCatalog procedures, DeadLetterStats deadLetterStats) {
        this.events = Objects.requireNonNull(events, "events");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.snapshots = snapshots;
        this.procedures = procedures;
        this.deadLetterStats = deadLetterStats;
        this.admission = new Admission(limits);
        this.breaker = new KafkaBreaker(limits.retryAfter());
        this.javalin = create();
    }

    /** The Javalin app, not started: for JavalinTest, or to start it yourself. */
    public Javalin javalin() {
        return javalin;
    }

    /** Starts listening; port 0 picks a free port (see {@link #port()}). */
    public IngestApp start(int port) {
        javalin.start(port);
        return this;
    }

    public int port() {
        return javalin.port();
    }

    /** Stops the server. The sinks, store and stats belong to the caller and stay open. */
    @Override
    public void close() {
        javalin.stop();
    }

    private Javalin create() {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.defaultContentType = "application/json";
        });
        app.get("/ingest/health", this::health);
        app.post("/ingest/events", this::postEvents);
        app.post("/ingest/national-sync", this::postNationalSync);
        app.get("/ingest/dead-letters/stats", this::deadLetterStats);
        app.exception(HttpError.class, (e, ctx) -> answerError(ctx, e.status(), e.getMessage(), e.retryAfterSeconds()));
        app.exception(IOException.class, (e, ctx) -> {
            // the client went away or sent a broken body; what was read before is stored and acknowledged
            LOG.warn("Request body unreadable: {}", e.toString());
            answerError(ctx, 400, "the body could not be read: " + e.getMessage(), 0);
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Request failed", e);
            answerError(ctx, 500, "internal error: " + e.getClass().getSimpleName(), 0);
        });
        return app;
    }

    private void health(Context ctx) {
        long wait = breaker.secondsLeft();
        String kafka = wait > 0 ? "unavailable: " + breaker.lastProblem() : "ok";
        ctx.json(java.util.Map.of("status", "ok", "kafka", kafka, "sources", tokens.sources().size()));
    }

    private void postEvents(Context ctx) throws IOException, InterruptedException {
        String source = authenticate(ctx);
        ItemReaders.Format format = format(ctx);
        try (Admission.Ticket ignored = admit(ctx)) {
            Outcomes outcomes = new Outcomes();
            EventBatch batch = new EventBatch(events, deadLetters, validator, source, "POST /ingest/events",
                    new SendGuard(breaker), outcomes);
            Reading reading = read(ctx, format, EventValidator.MAX_INPUT_BYTES, batch::add);
            outcomes.await(System.nanoTime() + limits.ackTimeout().toNanos());
            answer(ctx, outcomes, null, reading, outcomes.notStored());
        }
    }

    private void postNationalSync(Context ctx) throws IOException, InterruptedException {
        String source = authenticate(ctx);
        if (snapshots == null) {
            throw new HttpError(404, "national sync is not enabled on this server");
        }
        ItemReaders.Format format = format(ctx);
        try (Admission.Ticket ignored = admit(ctx)) {
            Outcomes outcomes = new Outcomes();
            SendGuard guard = new SendGuard(breaker);
            SnapshotBatch batch = new SnapshotBatch(events, deadLetters, validator, snapshots, procedures, source,
                    "POST /ingest/national-sync", guard, outcomes);
            Reading reading = read(ctx, format, MAX_SNAPSHOT_BYTES, batch::add);
            long deadline = System.nanoTime() + limits.ackTimeout().toNanos();
            outcomes.await(deadline);
            batch.storeSnapshots(deadline);
            answer(ctx, outcomes, batch, reading, outcomes.notStored() + batch.notStoredSnapshots());
        }
    }

    private void deadLetterStats(Context ctx) throws IOException {
        authenticate(ctx);
        if (deadLetterStats == null) {
            throw new HttpError(404, "dead-letter counts are not enabled on this server");
        }
        DeadLetterStats.Counts counts;
        try {
            counts = deadLetterStats.refresh();
        } catch (RuntimeException e) {
            throw new HttpError(503, "cannot read the dead-letter topic: " + e.getMessage(), limits.retryAfterSeconds());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultsJson.stats(out, counts);
        ctx.contentType("application/json").result(out.toByteArray());
    }

    private String authenticate(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpError(401, "send Authorization: Bearer <the token of your source>");
        }
        return tokens.sourceOf(h.substring(7).strip())
                .orElseThrow(() -> new HttpError(401, "this token belongs to no source"));
    }

    private static ItemReaders.Format format(Context ctx) {
        String ct = ctx.header("Content-Type");
        if (ct == null || ct.isBlank()) {
            throw new HttpError(415, "send Content-Type application/json or application/x-ndjson");
        }
        String[] parts = ct.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                throw new HttpError(415, "only UTF-8 is accepted, not " + p.substring(8));
            }
        }
        return switch (parts[0].strip().toLowerCase(Locale.ROOT)) {
            case "application/json" -> ItemReaders.Format.JSON;
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines",
                 "application/jsonlines", "application/json-lines" -> ItemReaders.Format.JSON_LINES;
            default -> throw new HttpError(415, "'" + parts[0].strip() + "' is not accepted: send application/json"
                    + " (one object or an array) or application/x-ndjson (one object per line)");
        };
    }

    private Admission.Ticket admit(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limits.maxRequestBytes()) {
            throw new HttpError(413, "the body is " + declared + " bytes, over the limit of " + limits.maxRequestBytes()
                    + " bytes: split it into several requests; nothing was read");
        }
        long wait = breaker.secondsLeft();
        if (wait > 0) {
            throw new HttpError(503, "Kafka is unavailable (" + breaker.lastProblem() + "); nothing was read", wait);
        }
        return admission.enter(declared);
    }

    /** How reading a body went: the number of items, why it stopped early, a remark on the body. */
    private record Reading(int items, String cut, String warning) {
    }

    private Reading read(Context ctx, ItemReaders.Format format, int maxItemBytes, Consumer<RawItem> sink) throws IOException {
        InputStream body = new LimitedInputStream(ctx.bodyInputStream(), limits.maxRequestBytes());
        ItemReader reader = null;
        int n = 0;
        String cut = null;
        try {
            reader = ItemReaders.open(body, format, maxItemBytes);
            RawItem item;
            while ((item = reader.next()) != null) {
                if (n >= limits.maxItemsPerRequest()) {
                    cut = "more than " + limits.maxItemsPerRequest() + " items in one request: items from index " + n
                            + " on were not read; send them in another request";
                    break;
                }
                sink.accept(item);
                n++;
            }
        } catch (BodyTooLargeException e) {
            cut = e.getMessage() + ": items from index " + n + " on were not read; send them in another request";
        }
        if (n == 0 && cut == null && !(reader != null && ItemReaders.isArray(reader))) {
            throw new HttpError(400, "the body holds nothing to ingest");
        }
        return new Reading(n, cut, reader == null ? null : reader.warning());
    }

    private void answer(Context ctx, Outcomes outcomes, SnapshotBatch batch, Reading reading, int notStored) throws IOException {
        int status = notStored > 0 ? 503 : reading.cut() != null ? 413 : 200;
        String error = null;
        if (notStored > 0) {
            error = notStored + " item(s) were not stored and must be sent again (resending stored ones is harmless: "
                    + "event ids count once)" + (reading.cut() != null ? "; " + reading.cut() : "");
            ctx.header("Retry-After", Long.toString(Math.max(breaker.secondsLeft(), limits.retryAfterSeconds())));
        } else if (reading.cut() != null) {
            error = reading.cut();
        }
        boolean onlyProblems = "errors".equals(ctx.queryParam("results"));
        ctx.status(status).contentType("application/json");
        ResultsJson.write(ctx.outputStream(), outcomes, onlyProblems, batch == null ? null : batch.snapshots(),
                reading.warning(), error);
    }

    private static void answerError(Context ctx, int status, String message, long retryAfterSeconds) {
        ctx.status(status).contentType("application/json");
        if (retryAfterSeconds > 0) {
            ctx.header("Retry-After", Long.toString(retryAfterSeconds));
        }
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"ioc-ingest\"");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ResultsJson.error(out, message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ctx.result(out.toByteArray());
    }
}
