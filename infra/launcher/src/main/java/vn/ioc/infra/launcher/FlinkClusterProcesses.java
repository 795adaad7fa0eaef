package vn.ioc.infra.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Flink standalone session cluster as two processes, a JobManager and a TaskManager, run from the
 * jars of {@code infra/flink-cluster} with a generated configuration.
 */
public final class FlinkClusterProcesses {

    /** Process sizes (Flink's *.memory.process.size): a process stays within them whatever the load. */
    public static final int JOB_MANAGER_MEMORY_MB = 768;
    public static final int TASK_MANAGER_MEMORY_MB = 2048;


    /**
     * {@code flinkDir} holds {@code conf/}, {@code checkpoints/} and {@code savepoints/}; Flink's own
     * logs go to {@code logDir} ({@code flink-jobmanager.log}, with stdout in {@code .out}).
     */
    public record Settings(Path flinkDir, Path logDir, int restPort, int rpcPort, int taskSlots, String classpath,
                           String jobManagerMemory, String taskManagerMemory) {

        public static Settings of(Path flinkDir, Path logDir, int restPort, int rpcPort, int taskSlots,
                                  String classpath) {
            return new Settings(flinkDir, logDir, restPort, rpcPort, taskSlots, classpath, JOB_MANAGER_MEMORY_MB + "m", TASK_MANAGER_MEMORY_MB + "m");
        }

        public Path confDir() {
            return flinkDir.resolve("conf");
        }

        public Path checkpointsDir() {
            return flinkDir.resolve("checkpoints");
        }

        public Path savepointsDir() {
            return flinkDir.resolve("savepoints");
        }
    }

    /** What Flink's own start scripts pass, so user code may use reflection on JDK classes on Java 17. */
    private static final List<String> JAVA_17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final Settings settings;
    private ChildProcess jobManager;
    private ChildProcess taskManager;

    public FlinkClusterProcesses(Settings settings) {
        this.settings = settings;
    }

    public String restUrl() {
        return "http://localhost:" + settings.restPort();
    }

    public List<ChildProcess> processes() {
        List<ChildProcess> processes = new ArrayList<>();
        if (jobManager != null) {
            processes.add(jobManager);
        }
        if (taskManager != null) {
            processes.add(taskManager);
        }
        return processes;
    }

    /** Writes the configuration and starts the JobManager, then the TaskManager. */
    public List<ChildProcess> start() throws IOException, InterruptedException {
        writeConfiguration();
        jobManager = startProcess("flink-jobmanager", "Flink JobManager", "GET_JM_RESOURCE_PARAMS",
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
        taskManager = startProcess("flink-taskmanager", "Flink TaskManager", "GET_TM_RESOURCE_PARAMS",
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
        return processes();
    }

    /** Waits until the JobManager's REST API reports a TaskManager with all its slots. */
    public Duration awaitReady(Duration timeout) throws StartupException, InterruptedException {
        FlinkRestClient rest = new FlinkRestClient(restUrl());
        return Await.until("the Flink cluster to have a TaskManager", timeout, () -> {
            FlinkRestClient.ClusterOverview overview = rest.overview();
            return overview.taskManagers() >= 1 && overview.slotsTotal() >= settings.taskSlots();
        }, processes());
    }

    /** Stops the TaskManager, then the JobManager. Returns whether both exited on their own. */
    public boolean stop(Duration grace) {
        boolean clean = true;
        if (taskManager != null) {
            clean &= taskManager.stop(grace);
        }
        if (jobManager != null) {
            clean &= jobManager.stop(grace);
        }
        return clean;
    }

    void writeConfiguration() throws IOException {
        Files.createDirectories(settings.confDir());
        Files.createDirectories(settings.checkpointsDir());
        Files.createDirectories(settings.savepointsDir());
        Files.createDirectories(settings.logDir());
        Files.writeString(settings.confDir().resolve("config.yaml"), configYaml(), StandardCharsets.UTF_8);
        Files.writeString(settings.confDir().resolve("log4j.properties"), LOG4J_PROPERTIES, StandardCharsets.UTF_8);
    }

    String configYaml() {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("jobmanager.rpc.address", "localhost");
        options.put("jobmanager.rpc.port", Integer.toString(settings.rpcPort()));
        options.put("jobmanager.bind-host", "localhost");
        options.put("jobmanager.memory.process.size", settings.jobManagerMemory());
        options.put("taskmanager.host", "localhost");
        options.put("taskmanager.bind-host", "localhost");
        options.put("taskmanager.numberOfTaskSlots", Integer.toString(settings.taskSlots()));
        options.put("taskmanager.memory.process.size", settings.taskManagerMemory());
        options.put("parallelism.default", "1");
        options.put("rest.address", "localhost");
        options.put("rest.bind-address", "localhost");
        options.put("rest.port", Integer.toString(settings.restPort()));
        // Without this, a TaskManager that registers before the ResourceManager is up waits 10 s to retry.
        options.put("cluster.registration.error-delay", "500ms");
        // Every dossier's events are kept to re-read its history when a late event arrives: a
        // province-year is millions of dossiers, more than a heap should hold. RocksDB keeps them on
        // disk, in the TaskManager's managed memory, with small incremental checkpoints.
        options.put("state.backend.type", "rocksdb");
        options.put("execution.checkpointing.incremental", "true");
        // Most look-ups are of dossiers seen for the first time: bloom filters answer "absent" without disk reads.
        options.put("state.backend.rocksdb.use-bloom-filter", "true");
        options.put("state.backend.rocksdb.localdir", settings.flinkDir().resolve("rocksdb").toAbsolutePath().toString());
        options.put("execution.checkpointing.interval", "10s");
        options.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        options.put("execution.checkpointing.storage", "filesystem");
        options.put("execution.checkpointing.dir", settings.checkpointsDir().toAbsolutePath().toUri().toString());
        options.put("execution.checkpointing.savepoint-dir",
                settings.savepointsDir().toAbsolutePath().toUri().toString());
        StringBuilder yaml = new StringBuilder("# Written by the IOC launcher on every start; edit the launcher instead.\n");
        options.forEach((key, value) -> yaml.append(key).append(": ").append(yamlScalar(value)).append('\n'));
        return yaml.toString();
    }

    private static String yamlScalar(String value) {
        return value.matches("[A-Za-z0-9._/:-]+") ? value : "'" + value.replace("'", "''") + "'";
    }

    private ChildProcess startProcess(String id, String displayName, String resourceCommand, String mainClass)
            throws IOException, InterruptedException {
        List<String> resources = resourceParams(resourceCommand);
        List<String> jvmOptions = new ArrayList<>(Arrays.asList(resources.get(0).trim().split("\\s+")));
        List<String> dynamicProperties = resources.get(1).isBlank()
                ? List.of() : Arrays.asList(resources.get(1).trim().split("\\s+"));
        Path log = settings.logDir().resolve(id + ".log");
        Path log4j = settings.confDir().resolve("log4j.properties").toAbsolutePath();
        List<String> command = JavaCommand.of(settings.classpath(), mainClass)
                .jvm(jvmOptions)
                .jvm(JAVA_17_OPENS)
                .jvm("-XX:+UseG1GC", "-Djava.awt.headless=true",
                        "-Dlog.file=" + log.toAbsolutePath(),
                        "-Dlog4j.configuration=file:" + log4j,
                        "-Dlog4j.configurationFile=file:" + log4j)
                .args("--configDir", settings.confDir().toAbsolutePath().toString())
                .args(dynamicProperties)
                .toList();
        // Flink's web UI shows <log.file> as the log and the same name with .out as stdout.
        return ChildProcess.start(new ChildProcess.Spec(id, displayName, command, Map.of(),
                settings.logDir().resolve(id + ".out")));
    }

    /**
     * Flink computes its JVM memory flags from the configured process size; its start scripts ask
     * {@code BashJavaUtils}, which prints two result lines: JVM options, then {@code -D key=value}
     * properties for the process.
     */
    private List<String> resourceParams(String command) throws IOException, InterruptedException {
        String output = ChildProcess.runToCompletion("Flink " + command,
                JavaCommand.of(settings.classpath(), "org.apache.flink.runtime.util.bash.BashJavaUtils")
                        .jvm("-Xmx128m", "-Dlog4j2.level=WARN")
                        .args(command, "--configDir", settings.confDir().toAbsolutePath().toString())
                        .toList(),
                Duration.ofSeconds(60), null);
        List<String> results = output.lines()
                .filter(line -> line.startsWith(RESULT_PREFIX))
                .map(line -> line.substring(RESULT_PREFIX.length()))
                .toList();
        if (results.size() != 2) {
            throw new IOException("Unexpected output of Flink's " + command + ":\n" + ChildProcess.tail(output, 20));
        }
        return results;
    }

    private static final String LOG4J_PROPERTIES = """
            # Written by the IOC launcher on every start.
            monitorInterval = 30
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = MainAppender
            logger.akka.name = akka
            logger.akka.level = INFO
            logger.pekko.name = org.apache.pekko
            logger.pekko.level = INFO
            logger.kafka.name = org.apache.kafka
            logger.kafka.level = WARN
            logger.clickhouse.name = com.clickhouse
            logger.clickhouse.level = WARN
            logger.hadoop.name = org.apache.hadoop
            logger.hadoop.level = WARN
            logger.zookeeper.name = org.apache.zookeeper
            logger.zookeeper.level = WARN
            logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
            logger.netty.level = OFF
            appender.main.name = MainAppender
            appender.main.type = RollingFile
            appender.main.append = true
            appender.main.fileName = ${sys:log.file}
            appender.main.filePattern = ${sys:log.file}.%i
            appender.main.layout.type = PatternLayout
            appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
            appender.main.policies.type = Policies
            appender.main.policies.size.type = SizeBasedTriggeringPolicy
            appender.main.policies.size.size = 50MB
            appender.main.policies.startup.type = OnStartupTriggeringPolicy
            appender.main.strategy.type = DefaultRolloverStrategy
            appender.main.strategy.max = 5
            """;
}
