package vn.ioc.infra.launcher;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A single Kafka node in KRaft combined mode (broker and controller in one process), run from the
 * jars of {@code infra/kafka-broker}. Its data survives restarts: the storage is formatted only once.
 */
public final class KafkaBrokerProcess {

    /**
     * {@code dataDir} holds the topics ({@code log.dirs}); {@code configFile} is written on every start.
     */
    public record Settings(Path dataDir, Path configFile, Path logFile, int port, int controllerPort,
                           String classpath, String heap) {
    }

    /** A topic the product needs; {@code configs} are topic-level settings such as {@code retention.ms}. */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
    }

    private final Settings settings;
    private ChildProcess process;

    public KafkaBrokerProcess(Settings settings) {
        this.settings = settings;
    }

    public String bootstrapServers() {
        return "localhost:" + settings.port();
    }

    public ChildProcess process() {
        return process;
    }

    /** Writes the configuration, formats the storage on first use, starts the broker process. */
    public ChildProcess start() throws IOException, InterruptedException {
        Files.createDirectories(settings.dataDir());
        Files.createDirectories(settings.configFile().getParent());
        Files.writeString(settings.configFile(), serverProperties(), StandardCharsets.UTF_8);
        if (!Files.exists(settings.dataDir().resolve("meta.properties"))) {
            format();
        }
        process = ChildProcess.start(new ChildProcess.Spec("kafka", "Kafka broker",
                JavaCommand.of(settings.classpath(), "kafka.Kafka")
                        .jvm("-Xms" + settings.heap(), "-Xmx" + settings.heap(), "-XX:+UseG1GC",
                                "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true",
                                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss,SSS")
                        .args(settings.configFile().toString())
                        .toList(),
                Map.of(), settings.logFile()));
        return process;
    }

    /** Waits until the broker answers an admin request listing its nodes. */
    public Duration awaitReady(Duration timeout) throws StartupException, InterruptedException {
        try (Admin admin = admin(bootstrapServers())) {
            return Await.until("the Kafka broker to answer", timeout,
                    () -> !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty(), List.of(process));
        }
    }

    public boolean stop(Duration grace) {
        return process == null || process.stop(grace);
    }

    /** Creates the topics that do not exist yet; existing topics are left as they are. Returns the created names. */
    public static List<String> ensureTopics(String bootstrapServers, List<TopicSpec> topics)
            throws ExecutionException, InterruptedException {
        try (Admin admin = admin(bootstrapServers)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }

    /** Partition count of each topic, for the summary. */
    public static Map<String, Integer> partitions(String bootstrapServers, List<String> topics)
            throws ExecutionException, InterruptedException {
        try (Admin admin = admin(bootstrapServers)) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
            Map<String, Integer> partitions = new java.util.TreeMap<>();
            descriptions.forEach((name, description) -> partitions.put(name, description.partitions().size()));
            return partitions;
        }
    }

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000",
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500"));
    }

    /**
     * One node that is both broker and controller. The controller quorum is static (one voter given in
     * the configuration), so a restart with different ports still finds its own metadata.
     */
    String serverProperties() {
        String host = "localhost";
        return String.join("\n",
                "# Written by the IOC launcher on every start; edit the launcher settings instead.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + settings.controllerPort(),
                "listeners=PLAINTEXT://" + host + ":" + settings.port() + ",CONTROLLER://" + host + ":"
                        + settings.controllerPort(),
                "advertised.listeners=PLAINTEXT://" + host + ":" + settings.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + settings.dataDir().toAbsolutePath(),
                "num.partitions=4",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "auto.create.topics.enable=false",
                // A single consumer group member should not wait 3 s for others that never come.
                "group.initial.rebalance.delay.ms=0",
                "")
                ;
    }

    private void format() throws IOException, InterruptedException {
        String clusterId = Uuid.randomUuid().toString();
        ChildProcess.runToCompletion("Kafka storage format",
                JavaCommand.of(settings.classpath(), "kafka.tools.StorageTool")
                        .jvm("-Xmx256m")
                        .args("format", "--cluster-id", clusterId, "--config", settings.configFile().toString())
                        .toList(),
                Duration.ofSeconds(60), settings.logFile());
    }
}
