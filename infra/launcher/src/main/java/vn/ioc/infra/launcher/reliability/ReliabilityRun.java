package vn.ioc.infra.launcher.reliability;

import vn.ioc.infra.launcher.ChildProcess;
import vn.ioc.infra.launcher.DirectoryTrees;
import vn.ioc.infra.launcher.JavaCommand;
import vn.ioc.infra.launcher.LauncherConfig;
import vn.ioc.infra.launcher.ProjectLayout;
import vn.ioc.infra.launcher.Supervisor;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * {@code ./ioc reliability [--quick]}: runs the real product (the launcher's own processes, on free
 * ports, in a temporary data directory) through faults and sustained load and says whether the
 * numbers stay exact.
 *
 * <ol>
 *   <li>A fixed simulated dataset (seeded, with duplicates and out-of-order delivery) is published and
 *       processed without any fault: the baseline tables.</li>
 *   <li>The same dataset again for each fault, injected once the job has applied about a third of it:
 *       the TaskManager killed with SIGKILL (the launcher starts a new one), the Kafka broker stopped
 *       and started, ClickHouse stopped for 60 s (30 s with --quick) and started on the same data,
 *       the dashboard stopped and started. During the fault the dashboard's {@code /api/status} must
 *       show it; afterwards the job must catch up by itself and the tables {@code events},
 *       {@code dossiers}, {@code late_dossiers}, {@code kpi_daily}, {@code kpi_procedure_daily},
 *       {@code kpi_procedure_monthly}, {@code alerts}, {@code alerts_by_resolution}, {@code alert_transitions}, {@code alert_daily} (read with FINAL, in key order) must equal
 *       the baseline's, row for row.</li>
 *   <li>Hostile input ({@link HostileInputRun}): broken requests and items mixed with valid events sent
 *       to the ingest endpoint, and a hostile file replayed; every broken item must be rejected with a
 *       reason and counted in the dead letters, every valid event counted exactly once, no process may
 *       crash and the endpoint's memory must stay bounded.</li>
 *   <li>Sustained load: the simulator at a high multiple of real time for 10 minutes (2 with --quick),
 *       sampled every 10 s: events/s, consumer lag, resident memory of every process; then the lag
 *       must return to 0 and no process may keep growing.</li>
 * </ol>
 * Exit code 0 when every check passed, 1 otherwise. The report is printed and written to
 * {@code <work dir>/report.md}.
 */
public final class ReliabilityRun {

    static final String SIMULATOR_CLASS = "vn.ioc.ingest.simulator.SimulatorMain";

    /** How big and how long: {@code --quick} for CI, the default for the record in docs/reliability.md. */
    record Settings(boolean quick, Path workDir, boolean keep, double dossiersPerDay, LocalDate datasetStart,
                    int datasetDays, Duration clickhouseOutage, int hostileRequests, int hostileFileLines,
                    Duration loadDuration, int loadSpeed, Duration catchUpTimeout) {

        static Settings parse(List<String> args) {
            boolean quick = args.contains("--quick");
            boolean keep = args.contains("--keep");
            Path work = null;
            Duration load = null;
            int speed = 1440;
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--quick", "--keep" -> { }
                    case "--work-dir" -> work = Path.of(args.get(++i)).toAbsolutePath();
                    case "--load-minutes" -> load = Duration.ofSeconds((long) (Double.parseDouble(args.get(++i)) * 60));
                    case "--load-speed" -> speed = Integer.parseInt(args.get(++i));
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i)
                            + "; usage: ReliabilityRun [--quick] [--keep] [--work-dir DIR] [--load-minutes N] [--load-speed N]");
                }
            }
            if (work == null) {
                try {
                    work = Files.createTempDirectory("ioc-reliability-");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return quick
                    ? new Settings(true, work, keep, 1500, LocalDate.of(2026, 9, 7), 12, Duration.ofSeconds(30), 200, 5_000,
                    load == null ? Duration.ofMinutes(2) : load, speed, Duration.ofMinutes(10))
                    : new Settings(false, work, keep, 4000, LocalDate.of(2026, 9, 1), 30, Duration.ofSeconds(60), 800, 20_000,
                    load == null ? Duration.ofMinutes(10) : load, speed, Duration.ofMinutes(20));
        }
    }

    /** The outcome of one scenario, a row of the report. */
    record Outcome(String scenario, boolean passed, String fault, String shownOnStatus, Duration recovery,
                   long published, Map<String, PipelineProbe.TableDigest> tables, String detail) {
    }

    private final Settings settings;
    private final ProjectLayout layout;
    private final PrintStream out;

    ReliabilityRun(Settings settings, ProjectLayout layout, PrintStream out) {
        this.settings = settings;
        this.layout = layout;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Settings settings;
        try {
            settings = Settings.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            System.exit(64);
            return;
        }
        ProjectLayout layout = ProjectLayout.locate(System.getenv("IOC_HOME"), Path.of("").toAbsolutePath());
        System.exit(new ReliabilityRun(settings, layout, out).run() ? 0 : 1);
    }

    boolean run() throws Exception {
        out.printf("Reliability run%s; work directory %s%n", settings.quick() ? " (--quick)" : "", settings.workDir());
        out.printf("Dataset: simulator seed 7, %s dossiers per working day from %s for %d days, 2%% duplicates, "
                        + "disorder window 15 min%n", fmt(settings.dossiersPerDay()), settings.datasetStart(),
                settings.datasetDays());
        long started = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Path> baseline = null;
        for (Fault fault : Fault.values()) {
            Outcome outcome;
            try {
                outcome = scenario(fault, baseline);
            } catch (Exception e) {
                outcome = new Outcome(fault.id, false, fault.description(settings), "-", null, 0, Map.of(),
                        "failed: " + e);
                e.printStackTrace(out);
            }
            outcomes.add(outcome);
            out.printf("  => %s: %s (%s)%n", outcome.scenario(), outcome.passed() ? "PASS" : "FAIL", outcome.detail());
            if (fault == Fault.NONE) {
                if (!outcome.passed()) {
                    break; // nothing to compare with
                }
                baseline = dumpFiles(fault);
            }
        }
        HostileInputRun.Result hostile;
        long hostileStarted = System.nanoTime();
        try {
            hostile = new HostileInputRun(this, settings, out).run();
        } catch (Exception e) {
            hostile = HostileInputRun.Result.failed(settings, Duration.ofNanos(System.nanoTime() - hostileStarted), "failed: " + e);
            out.println("Hostile input failed: " + e);
            e.printStackTrace(out);
        }
        LoadRun.Result load = null;
        if (!outcomes.isEmpty() && outcomes.get(0).passed()) {
            try {
                load = new LoadRun(this, settings, out).run();
            } catch (Exception e) {
                out.println("Sustained load failed: " + e);
                e.printStackTrace(out);
            }
        }
        String report = Report.markdown(settings, outcomes, hostile, load, Duration.ofNanos(System.nanoTime() - started));
        Files.writeString(settings.workDir().resolve("report.md"), report, StandardCharsets.UTF_8);
        out.println();
        out.print(report);
        boolean passed = outcomes.size() == Fault.values().length && outcomes.stream().allMatch(Outcome::passed)
                && hostile.passed() && load != null && load.passed();
        if (!settings.keep() && passed) {
            DirectoryTrees.delete(settings.workDir(), false);
        }
        out.println(passed ? "Reliability run passed." : "Reliability run FAILED; data kept in " + settings.workDir());
        return passed;
    }

    private Outcome scenario(Fault fault, Map<String, Path> baseline) throws Exception {
        out.println();
        out.printf("[%s] %s%n", fault.id, fault.description(settings));
        Path dir = settings.workDir().resolve(fault.id);
        Supervisor supervisor = start(dir, Map.of());
        try {
            PipelineProbe probe = new PipelineProbe(supervisor.config());
            long published = publishDataset(supervisor, dir);
            out.printf("    published %,d records to %s%n", published, supervisor.config().topic());
            String shown = "-";
            long faultAt = System.nanoTime();
            if (fault != Fault.NONE) {
                await("the job to apply a third of the dataset", Duration.ofMinutes(10), () -> {
                    PipelineProbe.Status s = probe.status();
                    return s.caughtUp() || s.applied() >= published / 3;
                });
                PipelineProbe.Status before = probe.status();
                out.printf("    injecting the fault at %,d of %,d events applied%n", Math.max(0, before.applied()), published);
                faultAt = System.nanoTime();
                shown = fault.inject(supervisor, probe, settings, out);
                out.printf("    during the fault /api/status showed: %s%n", shown);
            }
            await("the job to catch up (caughtUp, every published event applied)", settings.catchUpTimeout(), () -> {
                PipelineProbe.Status s = probe.status();
                return s.caughtUp() && s.accepted() == published && s.applied() == published
                        && s.componentsUp().values().stream().allMatch(Boolean::booleanValue);
            });
            Duration recovery = Duration.ofNanos(System.nanoTime() - faultAt);
            Map<String, PipelineProbe.TableDigest> tables = new LinkedHashMap<>();
            for (String table : PipelineProbe.TABLES.keySet()) {
                tables.put(table, probe.dump(table, dir.resolve(table + ".tsv")));
            }
            if (baseline == null) {
                return new Outcome(fault.id, rowsPresent(tables), fault.description(settings), shown, recovery, published,
                        tables, "caught up in " + seconds(recovery) + "; " + rowCounts(tables));
            }
            List<String> differences = compare(tables, baseline, dir);
            boolean shownOk = fault.expectedOnStatus(shown);
            boolean passed = differences.isEmpty() && shownOk;
            String detail = (differences.isEmpty() ? "tables equal to the baseline" : String.join("; ", differences))
                    + (shownOk ? "" : "; the outage was NOT shown on /api/status");
            return new Outcome(fault.id, passed, fault.description(settings), shown, recovery, published, tables, detail);
        } finally {
            supervisor.shutdown();
        }
    }

    /**
     * Starts the product in {@code dir} on free ports, without the launcher's own simulator. A port
     * found free can be taken by another process before the part binds it (Flink and Kafka open
     * ports of their own meanwhile): a start that fails is tried again on other ports, twice.
     */
    Supervisor start(Path dir, Map<LauncherConfig.Key, String> extra) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(dir, extra);
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                out.printf("    start failed (%s); trying again on other ports%n", e.getMessage());
            }
        }
    }

    private Supervisor startOnce(Path dir, Map<LauncherConfig.Key, String> extra) throws Exception {
        DirectoryTrees.delete(dir, false); // a work directory used before: every run starts from nothing
        Files.createDirectories(dir);
        int kafka = freePortPair();
        Map<LauncherConfig.Key, String> overrides = new EnumMap<>(LauncherConfig.Key.class);
        overrides.put(LauncherConfig.Key.DATA_DIR, dir.toString());
        overrides.put(LauncherConfig.Key.CLICKHOUSE_PORT, Integer.toString(freePort()));
        overrides.put(LauncherConfig.Key.KAFKA_PORT, Integer.toString(kafka));
        overrides.put(LauncherConfig.Key.FLINK_PORT, Integer.toString(freePort()));
        overrides.put(LauncherConfig.Key.FLINK_RPC_PORT, Integer.toString(freePort()));
        overrides.put(LauncherConfig.Key.DASHBOARD_PORT, Integer.toString(freePort()));
        overrides.put(LauncherConfig.Key.INGEST_PORT, Integer.toString(freePort()));
        overrides.put(LauncherConfig.Key.SIMULATOR_ENABLED, "false");
        overrides.putAll(extra);
        LauncherConfig config = LauncherConfig.from(new Properties(), Map.of(), layout.root()).with(overrides);
        PrintStream log = new PrintStream(new TeeToLog(dir.resolve("launcher.log"), out), true, StandardCharsets.UTF_8);
        Supervisor supervisor = new Supervisor(config, layout, log);
        if (!supervisor.start()) {
            throw new IllegalStateException("the product did not start, see " + dir.resolve("launcher.log"));
        }
        return supervisor;
    }

    /** Runs the simulator over the fixed dataset to its end; returns the records on the topic. */
    private long publishDataset(Supervisor supervisor, Path dir) throws Exception {
        LocalDate start = settings.datasetStart();
        String until = start.plusDays(settings.datasetDays()).atStartOfDay(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant().toString();
        ChildProcess simulator = simulator(supervisor, dir, List.of("--seed", "7", "--start", start.toString(),
                "--until", until, "--speed", "1", "--dossiers-per-day", fmt(settings.dossiersPerDay()),
                "--duplicates", "0.02", "--disorder-shuffle-window", "900"));
        int code = simulator.onExit().get(15, TimeUnit.MINUTES);
        if (code != 0) {
            throw new IllegalStateException("the simulator exited with code " + code + ", see " + simulator.logFile());
        }
        return new PipelineProbe(supervisor.config()).publishedEvents()
                .orElseThrow(() -> new IllegalStateException("Kafka does not answer"));
    }

    ChildProcess simulator(Supervisor supervisor, Path dir, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", supervisor.config().kafkaBootstrap(),
                "--topic", supervisor.config().topic()));
        all.addAll(args);
        return ingestTool(dir, "simulator", "Simulator", SIMULATOR_CLASS, List.of("-Xmx512m"), all);
    }

    /** Starts a command of the ingest module (simulator, replay, hostile input), logging to {@code dir/logs/<id>.log}. */
    ChildProcess ingestTool(Path dir, String id, String displayName, String mainClass, List<String> jvm, List<String> args)
            throws IOException {
        return ChildProcess.start(new ChildProcess.Spec(id, displayName,
                JavaCommand.of(layout.classpath(ProjectLayout.INGEST), mainClass)
                        .jvm(jvm).jvm("-Djava.awt.headless=true").args(args).toList(),
                Map.of(), dir.resolve("logs/" + id + ".log")));
    }

    private Map<String, Path> dumpFiles(Fault fault) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String table : PipelineProbe.TABLES.keySet()) {
            files.put(table, settings.workDir().resolve(fault.id).resolve(table + ".tsv"));
        }
        return files;
    }

    /** Row-by-row comparison with the baseline's dumps; names the first differing row of each table. */
    private static List<String> compare(Map<String, PipelineProbe.TableDigest> tables, Map<String, Path> baseline,
                                        Path dir) throws IOException {
        List<String> differences = new ArrayList<>();
        for (String table : tables.keySet()) {
            Path mine = dir.resolve(table + ".tsv");
            long mismatch = Files.mismatch(mine, baseline.get(table));
            if (mismatch == -1) {
                continue;
            }
            try (Stream<String> a = Files.lines(mine); Stream<String> b = Files.lines(baseline.get(table))) {
                List<String> left = a.toList();
                List<String> right = b.toList();
                int i = 0;
                while (i < left.size() && i < right.size() && left.get(i).equals(right.get(i))) {
                    i++;
                }
                differences.add(String.format(Locale.ROOT, "%s differs: %,d rows vs %,d in the baseline, first at row %,d: %s | baseline: %s",
                        table, left.size(), right.size(), i + 1, i < left.size() ? abbreviate(left.get(i)) : "(none)",
                        i < right.size() ? abbreviate(right.get(i)) : "(none)"));
            }
        }
        return differences;
    }

    private static boolean rowsPresent(Map<String, PipelineProbe.TableDigest> tables) {
        return tables.get("events").rows() > 0 && tables.get("kpi_daily").rows() > 0;
    }

    static String rowCounts(Map<String, PipelineProbe.TableDigest> tables) {
        StringBuilder sb = new StringBuilder();
        tables.forEach((table, digest) -> sb.append(sb.isEmpty() ? "" : ", ").append(table).append(' ')
                .append(String.format(Locale.ROOT, "%,d", digest.rows())));
        return sb.toString();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(1000);
        }
    }

    static String seconds(Duration d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String abbreviate(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Kafka's controller listens on the port after the broker's: both must be free. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IOException("no two free consecutive ports");
    }

    /** The launcher's messages go to the scenario's log; those about processes exiting also to the console. */
    private static final class TeeToLog extends OutputStream {
        private final OutputStream file;
        private final PrintStream console;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        TeeToLog(Path log, PrintStream console) throws IOException {
            this.file = Files.newOutputStream(log);
            this.console = console;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            file.write(b);
            line.write(b);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                if (text.contains("exited with code") || text.contains("started again") || text.contains("failed")) {
                    console.print("    launcher: " + text);
                }
                line.reset();
                file.flush();
            }
        }
    }
}
