package vn.ioc.infra.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole product on this machine: starts each part in order and waits until it is ready,
 * starts again a part that crashes (see {@link #RESTARTED_ON_CRASH}), and on shutdown saves the Flink
 * job and stops everything in reverse order, keeping the data for the next start.
 */
public final class Supervisor {

    /**
     * Parts started again when they exit on their own: they keep their state in the data directory
     * (Kafka, ClickHouse), in the job's checkpoints (the TaskManager: the JobManager restarts the job
     * on the new one from its last checkpoint), or none at all (dashboard, ingest endpoint). The
     * JobManager is not among them: it holds the running job, which a new one would not know.
     */
    public static final java.util.Set<String> RESTARTED_ON_CRASH =
            java.util.Set.of("clickhouse", "kafka", "flink-taskmanager", "dashboard", "ingest");

    public static final Duration CHILD_STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration SAVEPOINT_TIMEOUT = Duration.ofSeconds(60);
    private static final String SIMULATOR_CLASS = "vn.ioc.ingest.simulator.SimulatorMain";
    private static final String REPLAY_CLASS = "vn.ioc.ingest.replay.ReplayMain";
    private static final String DASHBOARD_CLASS = "vn.ioc.dashboard.DashboardMain";
    private static final String INGEST_CLASS = "vn.ioc.ingest.http.IngestMain";
    private static final String CLICKHOUSE_CLASS = "vn.ioc.infra.clickhouse.ClickHouseLocalServer";

    private final LauncherConfig config;
    private final ProjectLayout layout;
    private final PrintStream out;
    private final PidFile pids;
    private final List<ChildProcess> children = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private volatile boolean shuttingDown;
    private boolean shutdownDone;
    private LauncherLock lock;
    private AnalyticsJob job;
    private volatile String submittedJobId;
    private final Map<String, RestartPolicy> restartPolicies = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService restarts =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "ioc-restarts");
                thread.setDaemon(true);
                return thread;
            });

    public Supervisor(LauncherConfig config, ProjectLayout layout, PrintStream out) {
        this.config = config;
        this.layout = layout;
        this.out = out;
        this.pids = new PidFile(config.dataDir().resolve("ioc.pids"));
    }

    /** Starts everything, then blocks until shutdown. Returns the process exit code. */
    int run() throws IOException, InterruptedException {
        if (!start()) {
            return 1;
        }
        printSummary();
        stopped.await();
        return 0;
    }

    /**
     * Starts everything and returns once it all runs (true), or after a failed start has been reported
     * and what was started is stopped again (false). {@link #shutdown()} stops it.
     */
    public boolean start() throws IOException, InterruptedException {
        List<String> problems = buildProblems();
        if (!problems.isEmpty()) {
            problems.forEach(problem -> out.println("Cannot start: " + problem));
            return false;
        }
        Files.createDirectories(config.logDir());
        Optional<LauncherLock> acquired = LauncherLock.tryAcquire(config.dataDir().resolve("ioc.lock"));
        if (acquired.isEmpty()) {
            String pid = pids.read().stream().filter(entry -> entry.id().equals("launcher"))
                    .map(entry -> " (launcher pid " + entry.pid() + ")").findFirst().orElse("");
            out.println("IOC is already running with data in " + config.dataDir() + pid
                    + ". Stop it with ./ioc stop, or set IOC_DATA_DIR to another directory.");
            return false;
        }
        lock = acquired.get();
        stopLeftovers();
        List<String> busyPorts = PortCheck.problems(PortCheck.requirements(config));
        if (!busyPorts.isEmpty()) {
            busyPorts.forEach(out::println);
            lock.close();
            return false;
        }
        pids.add("launcher", "IOC launcher", ProcessHandle.current());
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "ioc-shutdown"));
        out.println("Starting IOC with data in " + config.dataDir() + " (logs in " + config.logDir() + ")");
        try {
            startAll();
        } catch (StartupException e) {
            if (!shuttingDown) {
                out.println();
                out.println("Start-up failed: " + e.getMessage());
                shutdown();
            }
            return false;
        }
        return true;
    }

    public LauncherConfig config() {
        return config;
    }

    /** The newest process started under {@code id} ({@code flink-taskmanager}, {@code kafka}, …). */
    public Optional<ChildProcess> child(String id) {
        ChildProcess found = null;
        for (ChildProcess child : children) {
            if (child.id().equals(id)) {
                found = child;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The processes running now, in the order of their start. */
    public List<ChildProcess> runningChildren() {
        return children.stream().filter(ChildProcess::isAlive).toList();
    }

    /**
     * Stops the part {@code id} (SIGTERM, then SIGKILL after the grace period) when it runs, and starts
     * it again with the same command, environment and log. Returns the new process; the caller waits
     * for it to be ready.
     */
    public ChildProcess restart(String id) throws IOException {
        ChildProcess old = child(id).orElseThrow(() -> new IllegalArgumentException("no process " + id));
        old.stop(CHILD_STOP_GRACE);
        return startAgain(old);
    }

    /** Starts a part stopped earlier (by {@link ChildProcess#stop}) or that crashed, with the same command. */
    public ChildProcess startAgain(ChildProcess old) throws IOException {
        synchronized (lifecycle) {
            if (shuttingDown) {
                throw new IOException("IOC is stopping");
            }
            ChildProcess fresh = old.startAgain();
            int place = children.indexOf(old);
            if (place >= 0) {
                children.set(place, fresh); // keeps the order of stopping: the reverse of the start
            } else {
                children.add(fresh);
            }
            pids.add(fresh.id(), fresh.displayName(), fresh.handle());
            watch(fresh, CompletableFuture.completedFuture(null));
            return fresh;
        }
    }

    private void startAll() throws StartupException, InterruptedException {
        Progress progress = new Progress(out, 8);
        startClickHouse(progress.begin("ClickHouse"));
        migrateSchema(progress.begin("ClickHouse schema"));
        startKafka(progress.begin("Kafka broker"));
        startFlink(progress.begin("Flink cluster"));
        submitJob(progress.begin("Analytics job"));
        startDashboard(progress.begin("Dashboard"));
        startIngest(progress.begin("Ingest endpoint"));
        startEvents(progress.begin(config.replayFile().isPresent() ? "Replay" : "Simulator"));
    }

    private void startClickHouse(Progress.Step step) throws StartupException, InterruptedException {
        String ping = config.clickhouseUrl() + "/ping";
        if (config.externalClickhouseUrl().isPresent()) {
            await(step, "ClickHouse at " + ping + " to answer", Duration.ofSeconds(15), () -> pingOk(ping), List.of());
            step.finish("external " + config.clickhouseUrl() + ", answered in " + Progress.seconds(step.elapsed()));
            return;
        }
        Path dataDir = config.dataDir().resolve("clickhouse");
        ChildProcess clickhouse = startChild(new ChildProcess.Spec("clickhouse", "ClickHouse",
                JavaCommand.of(layout.classpath(ProjectLayout.CLICKHOUSE_LOCAL), CLICKHOUSE_CLASS)
                        .jvm("-Xmx" + config.get(LauncherConfig.Key.CLICKHOUSE_HEAP),
                                "-Dsun.net.httpserver.nodelay=true", "-Djava.awt.headless=true")
                        .args("--host", "127.0.0.1", "--port", Integer.toString(config.clickhousePort()),
                                "--data-dir", dataDir.toString())
                        .toList(),
                Map.of(), config.logDir().resolve("clickhouse.log")), step);
        await(step, "ClickHouse to answer " + ping, Duration.ofSeconds(90), () -> pingOk(ping), List.of(clickhouse));
        step.ready(config.clickhouseUrl());
    }

    private void migrateSchema(Progress.Step step) throws StartupException {
        List<?> applied;
        try {
            applied = SchemaStep.migrate(config.clickhouseUrl(), config.clickhouseDatabase());
        } catch (StartupException e) {
            step.failed();
            throw e;
        }
        if (SchemaStep.jobMustReplay(applied)) {
            // Kept on disk until the job has started without its old state, so that a start that
            // fails in between still replays next time.
            try {
                Files.createDirectories(replayMarker().getParent());
                Files.writeString(replayMarker(), "migrations " + applied + " need a replay of the topic\n");
            } catch (IOException e) {
                step.failed();
                throw new StartupException("Cannot write " + replayMarker() + ": " + e.getMessage(), e);
            }
        }
        step.finish((applied.isEmpty() ? "up to date" : "applied " + applied) + " in "
                + Progress.seconds(step.elapsed()) + " (database " + config.clickhouseDatabase() + ")");
    }

    /** Present while the job must start without its saved state (see {@link SchemaStep#JOB_REPLAYS_AFTER}). */
    private Path replayMarker() {
        return config.dataDir().resolve("flink/replay-required");
    }

    private void startKafka(Progress.Step step) throws StartupException, InterruptedException {
        String bootstrap = config.kafkaBootstrap();
        if (config.externalKafkaBootstrap().isEmpty()) {
            KafkaBrokerProcess broker = new KafkaBrokerProcess(new KafkaBrokerProcess.Settings(
                    config.dataDir().resolve("kafka"), config.dataDir().resolve("conf/kafka-server.properties"),
                    config.logDir().resolve("kafka.log"), config.kafkaPort(), config.kafkaControllerPort(),
                    layout.classpath(ProjectLayout.KAFKA_BROKER), config.get(LauncherConfig.Key.KAFKA_HEAP)));
            try {
                register(broker.start(), step);
            } catch (IOException e) {
                step.failed();
                throw new StartupException("Cannot start the Kafka broker: " + e.getMessage()
                        + " (see " + config.logDir().resolve("kafka.log") + ")", e);
            }
            try {
                broker.awaitReady(Duration.ofSeconds(90));
            } catch (StartupException e) {
                step.failed();
                throw e;
            }
        }
        String topics;
        try {
            KafkaBrokerProcess.ensureTopics(bootstrap, List.of(
                    new KafkaBrokerProcess.TopicSpec(config.topic(), config.topicPartitions(), Map.of("retention.ms", "-1")),
                    new KafkaBrokerProcess.TopicSpec(config.dlqTopic(), config.dlqTopicPartitions(),
                            Map.of("retention.ms", "-1"))));
            topics = KafkaBrokerProcess.partitions(bootstrap, List.of(config.topic(), config.dlqTopic()))
                    .entrySet().stream().map(topic -> topic.getKey() + " (" + topic.getValue() + (topic.getValue() == 1 ? " partition)" : " partitions)"))
                    .reduce((a, b) -> a + ", " + b).orElse("");
        } catch (java.util.concurrent.ExecutionException e) {
            step.failed();
            throw new StartupException("Cannot create the Kafka topics at " + bootstrap + ": " + e.getCause(), e);
        }
        if (config.externalKafkaBootstrap().isPresent()) {
            step.finish("external " + bootstrap + ", answered in " + Progress.seconds(step.elapsed()) + "; " + topics);
        } else {
            step.ready(bootstrap + "; " + topics);
        }
    }

    private void startFlink(Progress.Step step) throws StartupException, InterruptedException {
        FlinkRestClient rest = new FlinkRestClient(config.flinkUrl());
        if (config.externalFlinkUrl().isEmpty()) {
            FlinkClusterProcesses cluster = new FlinkClusterProcesses(FlinkClusterProcesses.Settings.of(
                    config.dataDir().resolve("flink"), config.logDir(), config.flinkPort(), config.flinkRpcPort(),
                    config.flinkTaskSlots(), layout.classpath(ProjectLayout.FLINK_CLUSTER)));
            try {
                for (ChildProcess process : cluster.start()) {
                    register(process, step);
                }
            } catch (IOException e) {
                step.failed();
                throw new StartupException("Cannot start the Flink cluster: " + e.getMessage(), e);
            }
            try {
                cluster.awaitReady(Duration.ofSeconds(90));
            } catch (StartupException e) {
                step.failed();
                throw e;
            }
            step.ready(config.flinkUrl() + ", " + config.flinkTaskSlots() + " task slots");
        } else {
            FlinkRestClient.ClusterOverview[] overview = new FlinkRestClient.ClusterOverview[1];
            await(step, "Flink at " + config.flinkUrl() + " to answer", Duration.ofSeconds(15), () -> {
                overview[0] = rest.overview();
                return true;
            }, List.of());
            step.finish("external " + config.flinkUrl() + " (Flink " + overview[0].flinkVersion() + ", "
                    + overview[0].taskManagers() + " TaskManagers, " + overview[0].slotsAvailable()
                    + " free slots), answered in " + Progress.seconds(step.elapsed()));
        }
        job = new AnalyticsJob(rest, layout.resolve(config.get(LauncherConfig.Key.FLINK_JOB_JAR)),
                config.get(LauncherConfig.Key.FLINK_JOB_CLASS), config.get(LauncherConfig.Key.FLINK_JOB_NAME));
    }

    private void submitJob(Progress.Step step) throws StartupException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers", config.kafkaBootstrap(),
                "--topic", config.topic(), "--dlq-topic", config.dlqTopic(),
                "--clickhouse-url", config.clickhouseUrl(),
                "--clickhouse-database", config.clickhouseDatabase()));
        config.catalogDir().ifPresent(dir -> args.addAll(List.of("--catalog-dir", dir.toString())));
        // The local cluster writes its checkpoints under DATA; an external one keeps its own.
        boolean replay = Files.exists(replayMarker());
        Optional<RestorePoints.RestorePoint> restorePoint = config.externalFlinkUrl().isPresent() || replay
                ? Optional.empty()
                : RestorePoints.newest(lastSavepointRecord(), config.dataDir().resolve("flink/checkpoints"));
        if (replay && config.externalFlinkUrl().isEmpty()) {
            // The saved state lacks what the new tables are filled from. Forgotten before the replay starts,
            // so a start interrupted before the replaying job's first checkpoint cannot resume from it.
            try {
                if (!job.running()) {
                    RestorePoints.discardAll(lastSavepointRecord(), config.dataDir().resolve("flink/checkpoints"));
                }
            } catch (IOException e) {
                step.failed();
                throw new StartupException("cannot discard the job's saved state before its replay: " + e.getMessage()
                        + "; remove " + lastSavepointRecord() + " and " + config.dataDir().resolve("flink/checkpoints"));
            }
        }
        AnalyticsJob.Submission submission;
        try {
            submission = job.submit(args, restorePoint, Duration.ofSeconds(90));
        } catch (StartupException e) {
            step.failed();
            throw e;
        }
        if (replay && !submission.alreadyRunning()) {
            out.println("      note: the schema gained tables the job fills from every dossier's history,"
                    + " so it starts without its saved state and replays " + config.topic());
            try {
                Files.deleteIfExists(replayMarker());
            } catch (IOException e) {
                out.println("      note: cannot remove " + replayMarker() + " (" + e.getMessage()
                        + "); remove it, or the next start replays again");
            }
        }
        if (submission.alreadyRunning()) {
            step.finish("already running as job " + submission.jobId() + ", left as it is");
            return;
        }
        submittedJobId = submission.jobId();
        step.ready("job " + submission.jobId() + submission.restoredFrom()
                .map(point -> ", resumed from " + point.kind() + " " + config.dataDir().relativize(point.directory()))
                .orElse(", no saved state: starts from the beginning of " + config.topic()));
        String expectedName = config.get(LauncherConfig.Key.FLINK_JOB_NAME);
        if (!submission.actualName().equals(expectedName)) {
            out.println("      note: the job is named '" + submission.actualName() + "', not '" + expectedName
                    + "'; set IOC_FLINK_JOB_NAME to it so a second start does not submit it twice");
        }
    }

    private void startDashboard(Progress.Step step) throws StartupException, InterruptedException {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "IOC_DASHBOARD_PORT", Integer.toString(config.dashboardPort()),
                "IOC_CLICKHOUSE_URL", config.clickhouseUrl(),
                "IOC_CLICKHOUSE_DATABASE", config.clickhouseDatabase(),
                "IOC_KAFKA_BOOTSTRAP", config.kafkaBootstrap(),
                "IOC_KAFKA_TOPIC", config.topic(),
                "IOC_KAFKA_DLQ_TOPIC", config.dlqTopic(),
                "IOC_FLINK_URL", config.flinkUrl(),
                "IOC_INGEST_PORT", Integer.toString(config.ingestPort())));
        env.put("IOC_USERS_FILE", config.dataDir().resolve("dashboard/users.properties").toString());
        config.catalogDir().ifPresent(dir -> env.put("IOC_CATALOG_DIR", dir.toString()));
        ChildProcess dashboard = startChild(new ChildProcess.Spec("dashboard", "Dashboard",
                JavaCommand.of(layout.classpath(ProjectLayout.DASHBOARD), DASHBOARD_CLASS)
                        .jvm("-Xmx512m", "-Djava.awt.headless=true")
                        .toList(),
                env, config.logDir().resolve("dashboard.log")), step);
        String status = config.dashboardUrl() + "/api/status";
        await(step, "the dashboard to answer " + status, Duration.ofSeconds(60), () -> HttpProbe.get(status).ok(),
                List.of(dashboard));
        step.ready(config.dashboardUrl());
    }

    /**
     * The HTTP endpoint for one-stop systems. On the first start it creates a token for a source
     * named {@code demo-one-stop}: the file of token digests the endpoint reads, and the token itself
     * in a file only the owner can read (never printed, never in the repository).
     */
    private void startIngest(Progress.Step step) throws StartupException, InterruptedException {
        Path tokens = IngestTokens.tokensFile(config.dataDir());
        Path demoToken = IngestTokens.demoTokenFile(config.dataDir());
        try {
            IngestTokens.ensureDemoToken(tokens, demoToken);
        } catch (IOException e) {
            step.failed();
            throw new StartupException("Cannot create the ingest token file " + tokens + ": " + e.getMessage(), e);
        }
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "IOC_INGEST_PORT", Integer.toString(config.ingestPort()),
                "IOC_INGEST_TOKENS_FILE", tokens.toString(),
                "IOC_KAFKA_BOOTSTRAP", config.kafkaBootstrap(),
                "IOC_KAFKA_TOPIC", config.topic(),
                "IOC_KAFKA_DLQ_TOPIC", config.dlqTopic()));
        config.catalogDir().ifPresent(dir -> env.put("IOC_CATALOG_DIR", dir.toString()));
        ChildProcess ingest = startChild(new ChildProcess.Spec("ingest", "Ingest endpoint",
                JavaCommand.of(layout.classpath(ProjectLayout.INGEST), INGEST_CLASS)
                        .jvm("-Xmx512m", "-Djava.awt.headless=true").toList(),
                env, config.logDir().resolve("ingest.log")), step);
        String health = "http://localhost:" + config.ingestPort() + "/ingest/health";
        await(step, "the ingest endpoint to answer " + health, Duration.ofSeconds(60), () -> HttpProbe.get(health).ok(),
                List.of(ingest));
        step.ready("http://localhost:" + config.ingestPort() + "/ingest/events (token in " + demoToken + ")");
    }

    private void startEvents(Progress.Step step) throws StartupException {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", config.kafkaBootstrap(),
                "--topic", config.topic()));
        Optional<Path> replay = config.replayFile();
        if (replay.isPresent()) {
            args.addAll(List.of("--file", replay.get().toString(), "--dlq-topic", config.dlqTopic()));
            config.catalogDir().ifPresent(dir -> args.addAll(List.of("--catalog-dir", dir.toString())));
            // A second start replays the file again: every event id counts once, so nothing changes.
            ChildProcess process = startChild(eventsSpec("replay", "Replay", REPLAY_CLASS, args), step);
            step.finish("publishing " + replay.get() + " to " + config.topic() + " (pid " + process.pid() + ")");
            return;
        }
        if (!config.simulatorEnabled()) {
            step.finish("not started (--no-simulator)");
            return;
        }
        args.addAll(List.of("--speed", config.get(LauncherConfig.Key.SIMULATOR_SPEED),
                "--seed", config.get(LauncherConfig.Key.SIMULATOR_SEED)));
        config.catalogDir().ifPresent(dir -> args.addAll(List.of("--catalog-dir", dir.toString())));
        // The simulated clock is saved here, so the next start continues the province's history.
        Path stateFile = config.dataDir().resolve("simulator/state.txt");
        try {
            Files.createDirectories(stateFile.getParent());
        } catch (IOException e) {
            throw new StartupException("Cannot create " + stateFile.getParent() + ": " + e.getMessage(), e);
        }
        args.addAll(List.of("--state-file", stateFile.toString()));
        ChildProcess process = startChild(eventsSpec("simulator", "Simulator", SIMULATOR_CLASS, args), step);
        step.finish("started in " + Progress.seconds(step.elapsed()) + " (pid " + process.pid() + "), speed x"
                + config.get(LauncherConfig.Key.SIMULATOR_SPEED) + ", seed " + config.get(LauncherConfig.Key.SIMULATOR_SEED));
    }

    private ChildProcess.Spec eventsSpec(String id, String name, String mainClass, List<String> args) {
        return new ChildProcess.Spec(id, name,
                JavaCommand.of(layout.classpath(ProjectLayout.INGEST), mainClass)
                        .jvm("-Xmx1g", "-Djava.awt.headless=true").args(args).toList(),
                Map.of("IOC_INGEST_PORT", Integer.toString(config.ingestPort())),
                config.logDir().resolve(id + ".log"));
    }

    private ChildProcess startChild(ChildProcess.Spec spec, Progress.Step step) throws StartupException {
        try {
            return register(ChildProcess.start(spec), step);
        } catch (IOException e) {
            step.failed();
            throw new StartupException("Cannot start " + spec.displayName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Tracks a started process: recorded in the pid file, reported when it exits on its own. A process
     * started while shutting down is stopped at once.
     */
    private ChildProcess register(ChildProcess child, Progress.Step step) throws StartupException {
        synchronized (lifecycle) {
            if (shuttingDown) {
                child.stop(CHILD_STOP_GRACE);
                throw new StartupException("stopped while starting");
            }
            children.add(child);
            pids.add(child.id(), child.displayName(), child.handle());
        }
        watch(child, step.whenDone());
        return child;
    }

    /** Reports a process that exits on its own once its start step is done, and starts it again when it should. */
    private void watch(ChildProcess child, CompletableFuture<?> stepDone) {
        child.onExit().thenCombine(stepDone, (code, done) -> code).thenAccept(code -> {
            if (child.isStopping() || shuttingDown || child.isExitReported()) {
                return;
            }
            if (child.id().equals("replay") && code == 0) {
                out.println("Replay of " + config.replayFile().orElseThrow() + " finished");
                pids.remove(child.id());
                return;
            }
            if (!RESTARTED_ON_CRASH.contains(child.id())) {
                out.println(child.displayName() + " exited with code " + code + ", see " + child.logFile());
                pids.remove(child.id());
                return;
            }
            RestartPolicy policy = restartPolicies.computeIfAbsent(child.id(), id -> RestartPolicy.standard());
            Optional<Duration> delay = policy.onCrash(java.time.Instant.now());
            if (delay.isEmpty()) {
                out.println(child.displayName() + " exited with code " + code + " and is left stopped: it crashed "
                        + policy.maxRestarts() + " times within " + policy.window().toMinutes() + " minutes, see "
                        + child.logFile());
                pids.remove(child.id());
                return;
            }
            out.println(child.displayName() + " exited with code " + code + "; starting it again in "
                    + Progress.seconds(delay.get()) + ", see " + child.logFile());
            restarts.schedule(() -> restartCrashed(child), delay.get().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        });
    }

    private void restartCrashed(ChildProcess crashed) {
        if (shuttingDown || child(crashed.id()).filter(current -> current == crashed).isEmpty()) {
            return; // stopping, or someone already started it again
        }
        try {
            ChildProcess fresh = startAgain(crashed);
            out.println(fresh.displayName() + " started again (pid " + fresh.pid() + ")");
        } catch (IOException | RuntimeException e) {
            out.println("Cannot start " + crashed.displayName() + " again: " + e.getMessage());
        }
    }

    private void await(Progress.Step step, String what, Duration timeout, Await.Condition condition,
                       List<ChildProcess> processes) throws StartupException, InterruptedException {
        try {
            Await.until(what, timeout, condition, processes);
        } catch (StartupException e) {
            step.failed();
            throw e;
        }
    }

    /**
     * Saves the analytics job to a savepoint, then stops the processes in the reverse order of their
     * start. Runs once, from the shutdown hook (Ctrl-C, SIGTERM, {@code ./ioc stop}) or after a failed start.
     */
    public void shutdown() {
        synchronized (lifecycle) {
            if (shutdownDone) {
                return;
            }
            shutdownDone = true;
            shuttingDown = true;
        }
        restarts.shutdownNow();
        try {
            out.println();
            out.println("Stopping IOC; the data stays in " + config.dataDir());
            saveJob();
            List<ChildProcess> reversed = new ArrayList<>(children);
            Collections.reverse(reversed);
            for (ChildProcess child : reversed) {
                if (!child.isAlive()) {
                    child.stop(Duration.ZERO);
                    continue;
                }
                long start = System.nanoTime();
                out.print("  stopping " + child.displayName() + " (pid " + child.pid() + ") … ");
                out.flush();
                boolean clean = child.stop(CHILD_STOP_GRACE);
                out.println((clean ? "stopped in " : "killed after ")
                        + Progress.seconds(Duration.ofNanos(System.nanoTime() - start)));
                pids.remove(child.id());
            }
            pids.delete();
            if (lock != null) {
                lock.close();
            }
            out.println("IOC stopped. ./ioc demo resumes from the saved data.");
        } catch (IOException | RuntimeException e) {
            out.println("Error while stopping: " + e);
        } finally {
            stopped.countDown();
        }
    }

    private void saveJob() {
        String jobId = submittedJobId;
        if (jobId == null || job == null) {
            return;
        }
        if (config.externalFlinkUrl().isPresent()) {
            out.println("  the analytics job " + jobId + " keeps running on " + config.flinkUrl());
            return;
        }
        long start = System.nanoTime();
        out.print("  saving the analytics job to a savepoint … ");
        out.flush();
        try {
            Path savepoints = config.dataDir().resolve("flink/savepoints");
            String location = job.stopWithSavepoint(jobId,
                    Optional.of(savepoints.toAbsolutePath().toUri().toString()), SAVEPOINT_TIMEOUT);
            RestorePoints.recordSavepoint(lastSavepointRecord(), location);
            out.println("done in " + Progress.seconds(Duration.ofNanos(System.nanoTime() - start)) + ": " + location);
        } catch (IOException e) {
            out.println("failed (" + e.getMessage() + "); the next start resumes from the latest checkpoint");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted");
        }
    }

    /** ClickHouse answers {@code Ok.} on {@code /ping} once it serves queries. */
    private static boolean pingOk(String url) throws IOException, InterruptedException {
        HttpProbe.Response response = HttpProbe.get(url);
        return response.ok() && response.body().strip().equals("Ok.");
    }

    private Path lastSavepointRecord() {
        return config.dataDir().resolve("flink/last-savepoint");
    }

    /** Processes of a launcher that died without stopping them would hold the ports and the data. */
    private void stopLeftovers() {
        for (PidFile.Entry entry : pids.read()) {
            if (entry.id().equals("launcher")) {
                continue;
            }
            entry.liveProcess().ifPresent(process -> {
                out.println("Stopping " + entry.displayName() + " (pid " + entry.pid() + ") left from a previous run");
                ChildProcess.stopTree(process, CHILD_STOP_GRACE);
            });
        }
        pids.delete();
    }

    /** What is missing to start: unbuilt modules, the job jar, files given on the command line. */
    private List<String> buildProblems() {
        List<String> problems = new ArrayList<>();
        List<String> modules = new ArrayList<>();
        if (config.externalClickhouseUrl().isEmpty()) {
            modules.add(ProjectLayout.CLICKHOUSE_LOCAL);
        }
        if (config.externalKafkaBootstrap().isEmpty()) {
            modules.add(ProjectLayout.KAFKA_BROKER);
        }
        if (config.externalFlinkUrl().isEmpty()) {
            modules.add(ProjectLayout.FLINK_CLUSTER);
        }
        modules.add(ProjectLayout.DASHBOARD);
        if (config.replayFile().isPresent() || config.simulatorEnabled()) {
            modules.add(ProjectLayout.INGEST);
        }
        for (String module : modules) {
            try {
                layout.classpath(module);
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        Path jar = layout.resolve(config.get(LauncherConfig.Key.FLINK_JOB_JAR));
        if (!Files.isRegularFile(jar)) {
            problems.add("the analytics job jar " + jar + " is missing: build with ./mvnw -q -DskipTests install");
        }
        config.replayFile().filter(file -> !Files.isRegularFile(file))
                .ifPresent(file -> problems.add("the replay file " + file + " does not exist"));
        config.catalogDir().filter(dir -> !Files.isDirectory(dir))
                .ifPresent(dir -> problems.add("the catalog directory " + dir + " does not exist"));
        return problems;
    }

    private void printSummary() {
        String clickhouse = config.clickhouseUrl();
        out.println();
        out.println("IOC is running. Data in " + config.dataDir() + ", logs in " + config.logDir());
        out.println("  Dashboard        " + config.dashboardUrl() + "  (sign-in: users in "
                + config.dataDir().resolve("dashboard/users.properties") + "; first-start passwords and the wall token in "
                + config.dataDir().resolve("dashboard/first-start-credentials.txt") + ")");
        out.println("  Ingest endpoint  http://localhost:" + config.ingestPort() + "/ingest/events  (token: "
                + IngestTokens.demoTokenFile(config.dataDir()) + ")");
        out.println("  Flink web UI     " + config.flinkUrl());
        out.println("  ClickHouse HTTP  " + clickhouse + "  (JDBC: jdbc:clickhouse:" + clickhouse + "/"
                + config.clickhouseDatabase() + "?compress=false)");
        out.println("  Kafka            " + config.kafkaBootstrap() + "  (topics " + config.topic() + ", "
                + config.dlqTopic() + ")");
        List<String> processes = children.stream().filter(ChildProcess::isAlive)
                .map(child -> child.displayName() + " " + child.pid() + " (" + megabytes(child.rssBytes()) + ")")
                .toList();
        if (!processes.isEmpty()) {
            out.println("  Processes        " + String.join(", ", processes));
        }
        out.println("Press Ctrl-C to stop; the next ./ioc demo resumes from the saved data.");
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%d MB", bytes / (1024 * 1024));
    }
}
