package vn.ioc.infra.launcher.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.ioc.infra.launcher.ChildProcess;
import vn.ioc.infra.launcher.HttpProbe;
import vn.ioc.infra.launcher.IngestTokens;
import vn.ioc.infra.launcher.Supervisor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile input against the running product. {@code HostileInputMain} (ingest) sends the hostile
 * corpus to the ingest endpoint with the demo source's token: broken items and requests (truncated,
 * wrong types, invalid UTF-8, deep nesting, unknown units and procedures, absurd dates, huge numbers,
 * oversized bodies with and without a declared length, wrong content types, wrong and missing tokens,
 * random bytes) mixed with valid simulated events, and duplicate floods; it checks each answer and
 * writes a hostile JSON Lines file, which {@code ReplayMain} then publishes. Meanwhile the resident
 * memory of the endpoint and of the replay is sampled. Once the job has caught up:
 * <ul>
 *   <li>the events topic holds exactly the records of the valid items and lines, and ClickHouse's
 *       {@code events} every valid event exactly once and nothing else;</li>
 *   <li>every broken item and line is a dead letter with a reason: on the dead-letter topic, in
 *       ClickHouse's {@code dead_letters} by the reason the endpoint answered (per source), and in the
 *       dashboard's {@code /api/status}; the job itself refused nothing;</li>
 *   <li>no process crashed or was restarted, the endpoint still answers, and the resident memory of
 *       the endpoint and of the replay stayed under their bounds.</li>
 * </ul>
 */
final class HostileInputRun {

    static final String HOSTILE_CLASS = "vn.ioc.ingest.fuzz.HostileInputMain";
    static final String REPLAY_CLASS = "vn.ioc.ingest.replay.ReplayMain";
    static final String HTTP_SOURCE = IngestTokens.DEMO_SOURCE;
    static final String FILE_NAME = "hostile.jsonl";
    /** The replay's default source for a file: {@code file:<name>}. */
    static final String FILE_SOURCE = "file:" + FILE_NAME;
    /** Dead letters of records the job itself refused, which ingest should have refused first. */
    static final String JOB_SOURCE = "analytics-job";
    static final long SAMPLE_EVERY_MILLIS = 250;
    static final long MB = 1024L * 1024;
    /**
     * The endpoint runs with a 512 MB heap (see {@code Supervisor}); beside it a JVM holds metaspace,
     * code, thread stacks and buffers. Under full load it stays near 700 MB (docs/ingest.md): past
     * 1 GB its memory is not bounded by its limits any more.
     */
    static final long INGEST_RSS_BOUND = 1024 * MB;
    static final String REPLAY_HEAP = "-Xmx256m";
    /** The replay's 256 MB heap and the same room beside it. */
    static final long REPLAY_RSS_BOUND = 768 * MB;

    /** The endpoint's answers as the hostile client counted them ({@code hostile-summary.json}, {@code http}). */
    record Http(long requests, Map<String, Long> answersByStatus, long refusedWithReason, long badItems,
                Map<String, Long> badItemsByKind, long rejectedItems, long rejectedWithReason,
                Map<String, Long> rejectedByReason, long validItems, long acceptedItems, long mismatches,
                List<String> mismatchExamples) {

        static Http from(JsonNode http) {
            List<String> examples = new ArrayList<>();
            http.path("mismatchExamples").forEach(e -> examples.add(e.asText()));
            return new Http(http.path("requests").asLong(), counts(http.path("answersByStatus")),
                    http.path("refusedWithReason").asLong(), http.path("badItems").asLong(),
                    counts(http.path("badItemsByKind")), http.path("rejectedItems").asLong(),
                    http.path("rejectedWithReason").asLong(), counts(http.path("rejectedByReason")),
                    http.path("validItems").asLong(), http.path("acceptedItems").asLong(),
                    http.path("mismatches").asLong(-1), examples);
        }
    }

    /** The hostile file as written, and the replay's own account of it (empty when it printed none). */
    record FileReplayed(long lines, long badLines, Map<String, Long> badLinesByKind, long expectedAccepted,
                        int exitCode, Optional<ReplayLine> replay) {
    }

    /** The replay's closing line: {@code hostile.jsonl: 5,000 lines, 2,600 accepted, 2,400 rejected (in ...)}. */
    record ReplayLine(long lines, long accepted, long rejected) {

        /** A number as {@code %,d} writes it in any locale: digits and grouping separators. */
        private static final String NUMBER = "(\\d[\\d,.\\u00a0\\u202f]*)";
        private static final Pattern LINE = Pattern.compile(
                "^\\S+: " + NUMBER + " lines, " + NUMBER + " accepted, " + NUMBER + " rejected", Pattern.MULTILINE);

        /** The last closing line in a replay's log. */
        static Optional<ReplayLine> find(String log) {
            Matcher m = LINE.matcher(log);
            ReplayLine found = null;
            while (m.find()) {
                found = new ReplayLine(number(m.group(1)), number(m.group(2)), number(m.group(3)));
            }
            return Optional.ofNullable(found);
        }

        private static long number(String digits) {
            return Long.parseLong(digits.replaceAll("\\D", ""));
        }
    }

    /**
     * Where the valid events ended up: records on the events topic, and rows of ClickHouse's
     * {@code events} (read with FINAL) against the distinct valid events sent.
     */
    record Arrival(long expectedRecords, long recordsOnTopic, long expectedEvents, long arrived, long lost,
                   long unexpected, long moreThanOnce, List<String> lostExamples, List<String> unexpectedExamples) {

        /**
         * @param rowsPerEventId rows of {@code events} FINAL per event id
         */
        static Arrival of(long expectedRecords, long recordsOnTopic, Set<String> expectedIds, Map<String, Long> rowsPerEventId) {
            long arrived = 0;
            long moreThanOnce = 0;
            List<String> lost = new ArrayList<>();
            for (String id : expectedIds) {
                Long rows = rowsPerEventId.get(id);
                if (rows == null) {
                    lost.add(id);
                } else {
                    arrived++;
                }
            }
            List<String> unexpected = new ArrayList<>();
            for (Map.Entry<String, Long> e : rowsPerEventId.entrySet()) {
                if (!expectedIds.contains(e.getKey())) {
                    unexpected.add(e.getKey());
                }
                if (e.getValue() > 1) {
                    moreThanOnce++;
                }
            }
            return new Arrival(expectedRecords, recordsOnTopic, expectedIds.size(), arrived, lost.size(), unexpected.size(),
                    moreThanOnce, lost.subList(0, Math.min(5, lost.size())), unexpected.subList(0, Math.min(5, unexpected.size())));
        }
    }

    /**
     * The dead letters: records on the dead-letter topic, rows of ClickHouse's {@code dead_letters}
     * (FINAL) by source and reason code, rows without a reason, and the total {@code /api/status} shows.
     */
    record DeadLetters(long expected, long onTopic, Map<String, Map<String, Long>> bySourceAndReason,
                       long withoutReason, long onStatus) {

        long inClickHouse() {
            return bySourceAndReason.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        }

        long ofSource(String source) {
            return bySourceAndReason.getOrDefault(source, Map.of()).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Peak resident memory while the phase ran; 0 when not measured. */
    record Memory(long ingestBefore, long ingestPeak, long replayPeak, long clientPeak, int samples) {
    }

    record Result(boolean passed, Duration duration, int requestsAsked, int fileLinesAsked, Http http, FileReplayed file,
                  Arrival arrival, DeadLetters deadLetters, Memory memory, List<String> processProblems,
                  List<String> failures) {

        static Result failed(ReliabilityRun.Settings settings, Duration duration, String why) {
            return new Result(false, duration, settings.hostileRequests(), settings.hostileFileLines(), null, null, null,
                    null, null, List.of(), List.of(why));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReliabilityRun run;
    private final ReliabilityRun.Settings settings;
    private final PrintStream out;

    HostileInputRun(ReliabilityRun run, ReliabilityRun.Settings settings, PrintStream out) {
        this.run = run;
        this.settings = settings;
        this.out = out;
    }

    Result run() throws Exception {
        out.println();
        out.printf(Locale.ROOT, "[hostile-input] %,d hostile requests to the ingest endpoint, then the replay of a hostile "
                + "file of %,d lines%n", settings.hostileRequests(), settings.hostileFileLines());
        Path dir = settings.workDir().resolve("hostile-input");
        Supervisor supervisor = run.start(dir, Map.of());
        long started = System.nanoTime();
        List<ChildProcess> tools = new ArrayList<>();
        try (RssSampler rss = new RssSampler(supervisor)) {
            PipelineProbe probe = new PipelineProbe(supervisor.config());
            Map<String, Long> pidsBefore = pids(supervisor);
            long ingestBefore = supervisor.child("ingest").map(ChildProcess::rssBytes).orElse(0L);
            Path outDir = dir.resolve("hostile");

            ChildProcess client = run.ingestTool(dir, "hostile-input", "Hostile input", HOSTILE_CLASS, List.of("-Xmx512m"),
                    List.of("--url", "http://localhost:" + supervisor.config().ingestPort(),
                            "--token-file", IngestTokens.demoTokenFile(supervisor.config().dataDir()).toString(),
                            "--out", outDir.toString(), "--requests", Integer.toString(settings.hostileRequests()),
                            "--file-lines", Integer.toString(settings.hostileFileLines())));
            tools.add(client);
            rss.watch("Hostile client", client::rssBytes);
            int clientCode = client.onExit().get(15, TimeUnit.MINUTES);
            Path summaryFile = outDir.resolve("hostile-summary.json");
            if (!Files.isRegularFile(summaryFile)) {
                return Result.failed(settings, elapsed(started), "the hostile client exited with code " + clientCode
                        + " without a summary, see " + client.logFile());
            }
            JsonNode summary = JSON.readTree(summaryFile.toFile());
            Http http = Http.from(summary.path("http"));
            out.printf(Locale.ROOT, "    sent %,d requests (answers by status %s): %,d broken items, %,d rejected with a reason; "
                            + "%,d valid items, %,d accepted; %,d mismatches (exit code %d)%n", http.requests(),
                    http.answersByStatus(), http.badItems(), http.rejectedWithReason(), http.validItems(),
                    http.acceptedItems(), http.mismatches(), clientCode);

            ChildProcess replay = run.ingestTool(dir, "replay", "Replay", REPLAY_CLASS, List.of(REPLAY_HEAP),
                    List.of("--bootstrap-servers", supervisor.config().kafkaBootstrap(), "--topic", supervisor.config().topic(),
                            "--dlq-topic", supervisor.config().dlqTopic(), "--file", outDir.resolve(FILE_NAME).toString()));
            tools.add(replay);
            rss.watch("Replay", replay::rssBytes);
            int replayCode = replay.onExit().get(10, TimeUnit.MINUTES);
            JsonNode f = summary.path("file");
            FileReplayed file = new FileReplayed(f.path("lines").asLong(), f.path("badLines").asLong(),
                    counts(f.path("badLinesByKind")), f.path("expectedAccepted").asLong(), replayCode,
                    ReplayLine.find(Files.readString(replay.logFile(), StandardCharsets.UTF_8)));
            out.printf(Locale.ROOT, "    replayed %s: %s (exit code %d)%n", FILE_NAME, file.replay().map(r -> String.format(Locale.ROOT,
                    "%,d lines, %,d accepted, %,d rejected", r.lines(), r.accepted(), r.rejected())).orElse("no closing line"), replayCode);

            long expectedRecords = summary.path("expectedEventRecords").asLong();
            long onTopic = probe.records(supervisor.config().topic()).orElse(-1L);
            long deadOnTopic = probe.records(supervisor.config().dlqTopic()).orElse(-1L);
            long expectedDead = http.rejectedItems() + file.badLines();
            List<String> waits = new ArrayList<>();
            try {
                ReliabilityRun.await("the job to catch up (caughtUp, every record on the topic applied)", settings.catchUpTimeout(), () -> {
                    PipelineProbe.Status s = probe.status();
                    return s.caughtUp() && s.accepted() == onTopic && s.applied() == onTopic;
                });
            } catch (IllegalStateException e) {
                waits.add(e.getMessage());
            }
            try {
                ReliabilityRun.await("the dead letters to reach ClickHouse", Duration.ofMinutes(5),
                        () -> deadLettersInClickHouse(probe) >= Math.max(deadOnTopic, expectedDead));
            } catch (IllegalStateException e) {
                waits.add(e.getMessage());
            }

            Set<String> expectedIds = new HashSet<>(Files.readAllLines(outDir.resolve("expected-event-ids.txt"), StandardCharsets.UTF_8));
            expectedIds.remove("");
            Arrival arrival = Arrival.of(expectedRecords, onTopic, expectedIds, rowsPerEventId(probe));
            DeadLetters deadLetters = new DeadLetters(expectedDead, deadOnTopic, deadLettersBySourceAndReason(probe),
                    deadLettersWithoutReason(probe), probe.deadLettersOnStatus().orElse(-1));

            List<String> processProblems = processProblems(pidsBefore, pids(supervisor));
            if (!HttpProbe.answers("http://localhost:" + supervisor.config().ingestPort() + "/ingest/health")) {
                processProblems.add("the ingest endpoint does not answer /ingest/health");
            }
            rss.close();
            Memory memory = new Memory(ingestBefore, rss.peak("Ingest endpoint"), rss.peak("Replay"), rss.peak("Hostile client"),
                    rss.samples());

            List<String> failures = new ArrayList<>(waits);
            failures.addAll(failures(clientCode, http, file, arrival, deadLetters, memory));
            failures.addAll(processProblems);
            Result result = new Result(failures.isEmpty(), elapsed(started), settings.hostileRequests(),
                    settings.hostileFileLines(), http, file, arrival, deadLetters, memory, processProblems, failures);
            out.printf(Locale.ROOT, "    valid events in ClickHouse: %,d of %,d, lost %,d, unexpected %,d, more than once %,d; "
                            + "dead letters %,d of %,d; ingest RSS peak %d MB%n", arrival.arrived(), arrival.expectedEvents(),
                    arrival.lost(), arrival.unexpected(), arrival.moreThanOnce(), deadLetters.inClickHouse(), expectedDead,
                    memory.ingestPeak() / MB);
            out.printf("  => hostile-input: %s%s%n", result.passed() ? "PASS" : "FAIL",
                    failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")");
            return result;
        } finally {
            for (ChildProcess tool : tools) {
                if (tool.isAlive()) {
                    tool.stop(Supervisor.CHILD_STOP_GRACE);
                }
            }
            supervisor.shutdown();
        }
    }

    /** Every check of the phase that failed, in words; empty when all passed. */
    static List<String> failures(int clientExitCode, Http http, FileReplayed file, Arrival arrival, DeadLetters deadLetters,
                                 Memory memory) {
        List<String> failures = new ArrayList<>();
        if (http.mismatches() != 0 || clientExitCode != 0) {
            failures.add(String.format(Locale.ROOT, "%,d answers of the endpoint were not the expected ones (client exit code %d)%s",
                    http.mismatches(), clientExitCode, http.mismatchExamples().isEmpty() ? "" : ", e.g. " + http.mismatchExamples().get(0)));
        }
        if (http.rejectedWithReason() != http.badItems()) {
            failures.add(String.format(Locale.ROOT, "%,d of %,d broken items sent over HTTP were rejected with a reason",
                    http.rejectedWithReason(), http.badItems()));
        }
        if (file.exitCode() != 0) {
            failures.add("the replay exited with code " + file.exitCode());
        }
        if (file.replay().isEmpty()) {
            failures.add("the replay printed no closing line");
        } else if (file.replay().get().lines() != file.lines() || file.replay().get().accepted() != file.expectedAccepted()
                || file.replay().get().rejected() != file.badLines()) {
            ReplayLine r = file.replay().get();
            failures.add(String.format(Locale.ROOT, "the replay read %,d lines, accepted %,d, rejected %,d; the file holds %,d lines,"
                    + " %,d valid, %,d broken", r.lines(), r.accepted(), r.rejected(), file.lines(), file.expectedAccepted(), file.badLines()));
        }
        if (arrival.recordsOnTopic() != arrival.expectedRecords()) {
            failures.add(String.format(Locale.ROOT, "the events topic holds %,d records, expected %,d (every valid item and line)",
                    arrival.recordsOnTopic(), arrival.expectedRecords()));
        }
        if (arrival.lost() != 0) {
            failures.add(String.format(Locale.ROOT, "%,d valid events are not in ClickHouse, e.g. %s", arrival.lost(), arrival.lostExamples()));
        }
        if (arrival.unexpected() != 0) {
            failures.add(String.format(Locale.ROOT, "%,d events in ClickHouse were never sent as valid, e.g. %s", arrival.unexpected(),
                    arrival.unexpectedExamples()));
        }
        if (arrival.moreThanOnce() != 0) {
            failures.add(String.format(Locale.ROOT, "%,d events are in ClickHouse more than once", arrival.moreThanOnce()));
        }
        if (deadLetters.onTopic() != deadLetters.expected()) {
            failures.add(String.format(Locale.ROOT, "the dead-letter topic holds %,d records, expected %,d (every broken item and line)",
                    deadLetters.onTopic(), deadLetters.expected()));
        }
        Map<String, Long> httpByReason = deadLetters.bySourceAndReason().getOrDefault(HTTP_SOURCE, Map.of());
        if (!httpByReason.equals(http.rejectedByReason())) {
            failures.add("dead letters of " + HTTP_SOURCE + " by reason in ClickHouse " + httpByReason
                    + " differ from the endpoint's answers " + http.rejectedByReason());
        }
        if (deadLetters.ofSource(FILE_SOURCE) != file.badLines()) {
            failures.add(String.format(Locale.ROOT, "%,d dead letters of %s in ClickHouse, the file holds %,d broken lines",
                    deadLetters.ofSource(FILE_SOURCE), FILE_SOURCE, file.badLines()));
        }
        if (deadLetters.ofSource(JOB_SOURCE) != 0) {
            failures.add(String.format(Locale.ROOT, "the job refused %,d records that ingest had accepted", deadLetters.ofSource(JOB_SOURCE)));
        }
        if (deadLetters.withoutReason() != 0) {
            failures.add(String.format(Locale.ROOT, "%,d dead letters have no reason", deadLetters.withoutReason()));
        }
        if (deadLetters.onStatus() != deadLetters.expected()) {
            failures.add(String.format(Locale.ROOT, "/api/status counts %,d dead letters, expected %,d", deadLetters.onStatus(),
                    deadLetters.expected()));
        }
        if (memory.ingestPeak() <= 0 || memory.ingestPeak() > INGEST_RSS_BOUND) {
            failures.add(memory.ingestPeak() <= 0 ? "the ingest endpoint's memory was not measured"
                    : String.format(Locale.ROOT, "the ingest endpoint's RSS reached %d MB, over its bound of %d MB",
                    memory.ingestPeak() / MB, INGEST_RSS_BOUND / MB));
        }
        if (memory.replayPeak() > REPLAY_RSS_BOUND) {
            failures.add(String.format(Locale.ROOT, "the replay's RSS reached %d MB, over its bound of %d MB",
                    memory.replayPeak() / MB, REPLAY_RSS_BOUND / MB));
        }
        return failures;
    }

    /** Parts that are no longer running, or run under another pid than before (restarted after a crash). */
    static List<String> processProblems(Map<String, Long> before, Map<String, Long> after) {
        List<String> problems = new ArrayList<>();
        before.forEach((id, pid) -> {
            Long now = after.get(id);
            if (now == null) {
                problems.add(id + " (pid " + pid + ") is not running");
            } else if (!now.equals(pid)) {
                problems.add(id + " was restarted (pid " + pid + ", now " + now + ")");
            }
        });
        return problems;
    }

    private static Map<String, Long> pids(Supervisor supervisor) {
        Map<String, Long> pids = new TreeMap<>();
        supervisor.runningChildren().forEach(child -> pids.put(child.id(), child.pid()));
        return pids;
    }

    private static long deadLettersInClickHouse(PipelineProbe probe) {
        try {
            List<String[]> rows = probe.query("SELECT count() FROM dead_letters FINAL");
            return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0)[0]);
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Map<String, Map<String, Long>> deadLettersBySourceAndReason(PipelineProbe probe)
            throws IOException, InterruptedException {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (String[] row : probe.query("SELECT source, toString(reason_code), count() FROM dead_letters FINAL "
                + "GROUP BY source, reason_code ORDER BY source, reason_code")) {
            out.computeIfAbsent(row[0], s -> new TreeMap<>()).put(row[1], Long.parseLong(row[2]));
        }
        return out;
    }

    private static long deadLettersWithoutReason(PipelineProbe probe) throws IOException, InterruptedException {
        List<String[]> rows = probe.query("SELECT count() FROM dead_letters FINAL WHERE reason_code = '' OR reason = ''");
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0)[0]);
    }

    private static Map<String, Long> rowsPerEventId(PipelineProbe probe) throws IOException, InterruptedException {
        Map<String, Long> rows = new java.util.HashMap<>();
        for (String[] row : probe.query("SELECT event_id, count() FROM events FINAL GROUP BY event_id")) {
            rows.put(row[0], Long.parseLong(row[1]));
        }
        return rows;
    }

    static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new TreeMap<>();
        object.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Samples, every {@value #SAMPLE_EVERY_MILLIS} ms, the resident memory of the endpoint and of the tools run against it. */
    static final class RssSampler implements AutoCloseable {
        private final Map<String, LongSupplier> watched = new ConcurrentHashMap<>();
        private final Map<String, Long> peaks = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean running = true;
        private volatile int samples;

        RssSampler(Supervisor supervisor) {
            watched.put("Ingest endpoint", () -> supervisor.child("ingest").map(ChildProcess::rssBytes).orElse(0L));
            thread = new Thread(() -> {
                while (running) {
                    watched.forEach((name, rss) -> peaks.merge(name, rss.getAsLong(), Math::max));
                    samples++;
                    try {
                        Thread.sleep(SAMPLE_EVERY_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "hostile-rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void watch(String name, LongSupplier rss) {
            watched.put(name, rss);
        }

        long peak(String name) {
            return peaks.getOrDefault(name, 0L);
        }

        int samples() {
            return samples;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5000);
        }
    }

    /** For the report: counts as {@code A 3, B 5}. */
    static String list(Map<String, Long> counts) {
        StringBuilder sb = new StringBuilder();
        new LinkedHashMap<>(counts).forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(' ')
                .append(String.format(Locale.ROOT, "%,d", v)));
        return sb.isEmpty() ? "none" : sb.toString();
    }
}
