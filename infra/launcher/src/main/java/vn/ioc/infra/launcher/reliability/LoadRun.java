package vn.ioc.infra.launcher.reliability;

import vn.ioc.infra.launcher.FlinkClusterProcesses;

import vn.ioc.infra.launcher.ChildProcess;
import vn.ioc.infra.launcher.Supervisor;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The simulator live at a high multiple of real time for a while, sampled every 10 s; then the
 * simulator stops and the job must drain its lag to 0.
 */
final class LoadRun {

    static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);

    /** One sample: seconds since the start, events/s over the last interval, consumer lag, RSS per process. */
    record Sample(long second, double eventsPerSecond, long lag, Map<String, Long> rssBytes) {
    }

    /** Whether the memory of a process kept growing: the second half's peak against the first half's. */
    record Memory(String process, long firstHalfPeak, long secondHalfPeak, boolean bounded) {
    }

    record Result(boolean passed, Duration duration, int speed, long events, double meanEventsPerSecond,
                  double peakEventsPerSecond, long maxLag, Duration drainTime, List<Memory> memory, List<Sample> samples,
                  String detail) {
    }

    /** Growth the JVMs may show between the halves (heaps filling up to their limit, caches warming). */
    static final double GROWTH_ALLOWED = 1.25;
    static final long GROWTH_SLACK_BYTES = 64L * 1024 * 1024;

    /**
     * Processes with a fixed memory budget: Flink sizes its heap, managed memory (RocksDB) and
     * overheads to the process size, and fills them as state grows, so growth up to the budget is
     * the design, not a leak. Beyond it, it is.
     */
    static final Map<String, Long> MEMORY_BUDGET_BYTES = Map.of(
            "Flink TaskManager", FlinkClusterProcesses.TASK_MANAGER_MEMORY_MB * 1024L * 1024,
            "Flink JobManager", FlinkClusterProcesses.JOB_MANAGER_MEMORY_MB * 1024L * 1024);

    private final ReliabilityRun run;
    private final ReliabilityRun.Settings settings;
    private final PrintStream out;

    LoadRun(ReliabilityRun run, ReliabilityRun.Settings settings, PrintStream out) {
        this.run = run;
        this.settings = settings;
        this.out = out;
    }

    Result run() throws Exception {
        out.println();
        out.printf("[sustained-load] simulator live at x%d for %d min, sampled every %d s%n", settings.loadSpeed(),
                settings.loadDuration().toMinutes(), SAMPLE_EVERY.toSeconds());
        Path dir = settings.workDir().resolve("sustained-load");
        Supervisor supervisor = run.start(dir, Map.of());
        try {
            PipelineProbe probe = new PipelineProbe(supervisor.config());
            // A day of catch-up first (today's events so far), then live: the simulated clock runs ahead of real time.
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
            ChildProcess simulator = run.simulator(supervisor, dir, List.of("--seed", "42", "--start", today.toString(),
                    "--speed", Integer.toString(settings.loadSpeed())));
            List<Sample> samples = new ArrayList<>();
            long start = System.nanoTime();
            long lastEvents = probe.publishedEvents().orElse(0L);
            long lastAt = start;
            while (System.nanoTime() - start < settings.loadDuration().toNanos()) {
                Thread.sleep(SAMPLE_EVERY.toMillis());
                if (!simulator.isAlive()) {
                    throw new IllegalStateException("the simulator exited with code " + simulator.exitCode().orElse(-1)
                            + ", see " + simulator.logFile());
                }
                long now = System.nanoTime();
                long events = probe.publishedEvents().orElse(lastEvents);
                PipelineProbe.Status status = probe.status();
                Map<String, Long> rss = new LinkedHashMap<>();
                for (ChildProcess child : supervisor.runningChildren()) {
                    rss.put(child.displayName(), child.rssBytes());
                }
                rss.put("Simulator", simulator.rssBytes());
                Sample sample = new Sample((now - start) / 1_000_000_000L, (events - lastEvents) / ((now - lastAt) / 1e9),
                        status.lag(), rss);
                samples.add(sample);
                out.printf(Locale.ROOT, "    %4d s  %,8.0f events/s  lag %,7d  RSS %s%n", sample.second(),
                        sample.eventsPerSecond(), sample.lag(), megabytes(rss));
                lastEvents = events;
                lastAt = now;
            }
            simulator.stop(Supervisor.CHILD_STOP_GRACE);
            long published = probe.publishedEvents().orElseThrow(() -> new IllegalStateException("Kafka does not answer"));
            long drainStart = System.nanoTime();
            String detail;
            Duration drain = null;
            boolean drained;
            try {
                ReliabilityRun.await("the lag to return to 0", Duration.ofMinutes(10), () -> {
                    PipelineProbe.Status s = probe.status();
                    return s.caughtUp() && s.accepted() == published;
                });
                drain = Duration.ofNanos(System.nanoTime() - drainStart);
                drained = true;
                detail = "lag back to 0 " + ReliabilityRun.seconds(drain) + " after the simulator stopped";
            } catch (IllegalStateException e) {
                drained = false;
                detail = "the lag did not return to 0: " + e.getMessage();
            }
            List<Memory> memory = memory(samples);
            List<String> growing = memory.stream().filter(m -> !m.bounded()).map(Memory::process).toList();
            if (!growing.isEmpty()) {
                detail += "; memory kept growing: " + String.join(", ", growing);
            }
            double mean = samples.stream().mapToDouble(Sample::eventsPerSecond).average().orElse(0);
            double peak = samples.stream().mapToDouble(Sample::eventsPerSecond).max().orElse(0);
            long maxLag = samples.stream().mapToLong(Sample::lag).max().orElse(0);
            Result result = new Result(drained && growing.isEmpty() && samples.size() >= 3,
                    settings.loadDuration(), settings.loadSpeed(), published, mean, peak, maxLag, drain, memory, samples, detail);
            out.printf("  => sustained-load: %s (%s)%n", result.passed() ? "PASS" : "FAIL", detail);
            return result;
        } finally {
            supervisor.shutdown();
        }
    }

    static List<Memory> memory(List<Sample> samples) {
        List<Memory> memory = new ArrayList<>();
        if (samples.size() < 2) {
            return memory;
        }
        int half = samples.size() / 2;
        for (String process : samples.get(samples.size() - 1).rssBytes().keySet()) {
            long first = samples.subList(0, half).stream().mapToLong(s -> s.rssBytes().getOrDefault(process, 0L)).max().orElse(0);
            long second = samples.subList(half, samples.size()).stream().mapToLong(s -> s.rssBytes().getOrDefault(process, 0L)).max().orElse(0);
            Long budget = MEMORY_BUDGET_BYTES.get(process);
            boolean bounded = second <= first * GROWTH_ALLOWED + GROWTH_SLACK_BYTES
                    || (budget != null && second <= budget);
            memory.add(new Memory(process, first, second, bounded));
        }
        return memory;
    }

    static String megabytes(Map<String, Long> rss) {
        StringBuilder sb = new StringBuilder();
        rss.forEach((process, bytes) -> sb.append(sb.isEmpty() ? "" : ", ").append(process).append(' ')
                .append(bytes / (1024 * 1024)).append(" MB"));
        return sb.toString();
    }
}
