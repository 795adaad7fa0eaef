package vn.ioc.infra.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the launcher starts and where: built-in defaults, overridden by a properties file, then by
 * environment variables, then by command-line flags.
 *
 * <p>Every setting has an environment variable ({@code IOC_KAFKA_PORT}) and a property key derived
 * from it ({@code kafka.port}); a properties file may use either spelling. An empty value counts as
 * not set, so {@code IOC_EXTERNAL_FLINK_URL=} in a shell does not switch anything.
 */
public final class LauncherConfig {

    /** The settings, with their environment variable and default. */
    public enum Key {
        DATA_DIR("IOC_DATA_DIR", "./data"),
        CLICKHOUSE_PORT("IOC_CLICKHOUSE_PORT", "8123"),
        CLICKHOUSE_DATABASE("IOC_CLICKHOUSE_DATABASE", "ioc"),
        CLICKHOUSE_HEAP("IOC_CLICKHOUSE_HEAP", "1g"),
        KAFKA_PORT("IOC_KAFKA_PORT", "9092"),
        KAFKA_HEAP("IOC_KAFKA_HEAP", "512m"),
        KAFKA_TOPIC("IOC_KAFKA_TOPIC", "dossier-events"),
        KAFKA_TOPIC_PARTITIONS("IOC_KAFKA_TOPIC_PARTITIONS", "4"),
        KAFKA_DLQ_TOPIC("IOC_KAFKA_DLQ_TOPIC", "dossier-events-dlq"),
        KAFKA_DLQ_TOPIC_PARTITIONS("IOC_KAFKA_DLQ_TOPIC_PARTITIONS", "1"),
        FLINK_PORT("IOC_FLINK_PORT", "8081"),
        FLINK_RPC_PORT("IOC_FLINK_RPC_PORT", "6123"),
        FLINK_TASK_SLOTS("IOC_FLINK_TASK_SLOTS", "2"),
        FLINK_JOB_JAR("IOC_FLINK_JOB_JAR", "analytics/target/ioc-analytics-0.1.0-SNAPSHOT-job.jar"),
        FLINK_JOB_CLASS("IOC_FLINK_JOB_CLASS", "vn.ioc.analytics.DossierKpiJob"),
        FLINK_JOB_NAME("IOC_FLINK_JOB_NAME", "IOC dossier KPIs"),
        DASHBOARD_PORT("IOC_DASHBOARD_PORT", "8080"),
        INGEST_PORT("IOC_INGEST_PORT", "8090"),
        SIMULATOR_ENABLED("IOC_SIMULATOR_ENABLED", "true"),
        SIMULATOR_SPEED("IOC_SIMULATOR_SPEED", "60"),
        SIMULATOR_SEED("IOC_SIMULATOR_SEED", "42"),
        CATALOG_DIR("IOC_CATALOG_DIR", ""),
        REPLAY_FILE("IOC_REPLAY_FILE", ""),
        EXTERNAL_CLICKHOUSE_URL("IOC_EXTERNAL_CLICKHOUSE_URL", ""),
        EXTERNAL_KAFKA_BOOTSTRAP("IOC_EXTERNAL_KAFKA_BOOTSTRAP", ""),
        EXTERNAL_FLINK_URL("IOC_EXTERNAL_FLINK_URL", "");

        private final String env;
        private final String defaultValue;

        Key(String env, String defaultValue) {
            this.env = env;
            this.defaultValue = defaultValue;
        }

        public String env() {
            return env;
        }

        /** {@code IOC_KAFKA_PORT} is {@code kafka.port} in a properties file. */
        public String property() {
            return env.substring("IOC_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        }

        public String defaultValue() {
            return defaultValue;
        }
    }

    private final Map<Key, String> values;
    private final Path workingDir;

    private LauncherConfig(Map<Key, String> values, Path workingDir) {
        this.values = values;
        this.workingDir = workingDir;
    }

    /** Defaults, then {@code file} (may be empty), then {@code env}. Relative paths resolve against {@code workingDir}. */
    public static LauncherConfig from(Properties file, Map<String, String> env, Path workingDir) {
        Map<Key, String> values = new EnumMap<>(Key.class);
        for (Key key : Key.values()) {
            String value = key.defaultValue();
            value = firstSet(file.getProperty(key.property()), file.getProperty(key.env()), value);
            value = firstSet(env.get(key.env()), value);
            values.put(key, value.trim());
        }
        LauncherConfig config = new LauncherConfig(values, workingDir.toAbsolutePath().normalize());
        config.validate();
        return config;
    }

    /**
     * Reads {@code configFile} when given (it must exist), else {@code ./ioc.properties} when present,
     * then applies {@code env}.
     */
    public static LauncherConfig load(Optional<Path> configFile, Map<String, String> env, Path workingDir) {
        Properties file = new Properties();
        Path path = configFile.orElse(workingDir.resolve("ioc.properties"));
        if (configFile.isPresent() && !Files.isRegularFile(path)) {
            throw new IllegalArgumentException("Configuration file " + path + " does not exist");
        }
        if (Files.isRegularFile(path)) {
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read configuration file " + path + ": " + e.getMessage(), e);
            }
        }
        return from(file, env, workingDir);
    }

    /** The same configuration with some settings replaced, e.g. from command-line flags. */
    public LauncherConfig with(Map<Key, String> overrides) {
        Map<Key, String> copy = new EnumMap<>(values);
        overrides.forEach((key, value) -> copy.put(key, value.trim()));
        LauncherConfig config = new LauncherConfig(copy, workingDir);
        config.validate();
        return config;
    }

    public String get(Key key) {
        return values.get(key);
    }

    public Path dataDir() {
        return path(Key.DATA_DIR).orElseThrow();
    }

    public Path logDir() {
        return dataDir().resolve("logs");
    }

    public int clickhousePort() {
        return port(Key.CLICKHOUSE_PORT);
    }

    public String clickhouseDatabase() {
        return get(Key.CLICKHOUSE_DATABASE);
    }

    public int kafkaPort() {
        return port(Key.KAFKA_PORT);
    }

    /** The KRaft controller listens next to the broker. */
    public int kafkaControllerPort() {
        return kafkaPort() + 1;
    }

    public int flinkPort() {
        return port(Key.FLINK_PORT);
    }

    public int flinkRpcPort() {
        return port(Key.FLINK_RPC_PORT);
    }

    public int flinkTaskSlots() {
        return positiveInt(Key.FLINK_TASK_SLOTS);
    }

    public int dashboardPort() {
        return port(Key.DASHBOARD_PORT);
    }

    public int ingestPort() {
        return port(Key.INGEST_PORT);
    }

    public String topic() {
        return get(Key.KAFKA_TOPIC);
    }

    public int topicPartitions() {
        return positiveInt(Key.KAFKA_TOPIC_PARTITIONS);
    }

    public String dlqTopic() {
        return get(Key.KAFKA_DLQ_TOPIC);
    }

    public int dlqTopicPartitions() {
        return positiveInt(Key.KAFKA_DLQ_TOPIC_PARTITIONS);
    }

    public boolean simulatorEnabled() {
        return Boolean.parseBoolean(get(Key.SIMULATOR_ENABLED));
    }

    public Optional<Path> catalogDir() {
        return path(Key.CATALOG_DIR);
    }

    public Optional<Path> replayFile() {
        return path(Key.REPLAY_FILE);
    }

    public Optional<String> externalClickhouseUrl() {
        return optional(Key.EXTERNAL_CLICKHOUSE_URL).map(LauncherConfig::withoutTrailingSlash);
    }

    public Optional<String> externalKafkaBootstrap() {
        return optional(Key.EXTERNAL_KAFKA_BOOTSTRAP);
    }

    public Optional<String> externalFlinkUrl() {
        return optional(Key.EXTERNAL_FLINK_URL).map(LauncherConfig::withoutTrailingSlash);
    }

    /** The ClickHouse every part talks to: the external one, or the local server on 127.0.0.1. */
    public String clickhouseUrl() {
        return externalClickhouseUrl().orElse("http://127.0.0.1:" + clickhousePort());
    }

    public String kafkaBootstrap() {
        return externalKafkaBootstrap().orElse("localhost:" + kafkaPort());
    }

    public String flinkUrl() {
        return externalFlinkUrl().orElse("http://localhost:" + flinkPort());
    }

    public String dashboardUrl() {
        return "http://localhost:" + dashboardPort();
    }

    public Optional<String> optional(Key key) {
        String value = get(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A path setting, resolved against the working directory; empty when not set. */
    public Optional<Path> path(Key key) {
        return optional(key).map(value -> workingDir.resolve(value).normalize());
    }

    public int port(Key key) {
        int port = integer(key);
        if (port < 1 || port > 65535) {
            throw invalid(key, "a port number (1-65535)");
        }
        return port;
    }

    private int positiveInt(Key key) {
        int value = integer(key);
        if (value < 1) {
            throw invalid(key, "a positive number");
        }
        return value;
    }

    private int integer(Key key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw invalid(key, "a number");
        }
    }

    private IllegalArgumentException invalid(Key key, String expected) {
        return new IllegalArgumentException(
                key.env() + " (" + key.property() + ") must be " + expected + ", got '" + get(key) + "'");
    }

    private void validate() {
        for (Key key : Key.values()) {
            if (key.name().endsWith("_PORT")) {
                port(key);
            }
        }
        if (kafkaControllerPort() > 65535) {
            throw invalid(Key.KAFKA_PORT, "below 65535 (the controller uses the next port)");
        }
        positiveInt(Key.FLINK_TASK_SLOTS);
        positiveInt(Key.KAFKA_TOPIC_PARTITIONS);
        positiveInt(Key.KAFKA_DLQ_TOPIC_PARTITIONS);
        integer(Key.SIMULATOR_SEED);
        String enabled = get(Key.SIMULATOR_ENABLED).toLowerCase(Locale.ROOT);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw invalid(Key.SIMULATOR_ENABLED, "true or false");
        }
        if (get(Key.DATA_DIR).isEmpty()) {
            throw invalid(Key.DATA_DIR, "a directory");
        }
    }

    private static String firstSet(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return "";
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
