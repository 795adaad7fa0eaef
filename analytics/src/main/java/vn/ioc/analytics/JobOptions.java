package vn.ioc.analytics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The job's arguments, as given on {@code flink run} or in the REST call's programArgs:
 * {@code --bootstrap-servers H:P --topic T --dlq-topic T2 (empty: none) --group-id G --clickhouse-url URL --clickhouse-database DB
 * [--catalog-dir DIR] [--checkpoint-interval-ms N] [--flush-interval-ms N] [--parallelism N]
 * [--until-end-of-topic true]}. The last makes a bounded run: the job stops once it has processed
 * what the topic held when it started (a batch replay).
 */
public record JobOptions(String bootstrapServers, String topic, String dlqTopic, String groupId, String clickhouseUrl,
                         String clickhouseDatabase, Path catalogDir, Duration checkpointInterval,
                         long flushIntervalMs, int parallelism, boolean untilEndOfTopic) {

    private static final Set<String> KNOWN = Set.of("bootstrap-servers", "topic", "dlq-topic", "group-id", "clickhouse-url",
            "clickhouse-database", "catalog-dir", "checkpoint-interval-ms", "flush-interval-ms", "parallelism",
            "until-end-of-topic");

    public static JobOptions parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + a + "': options look like --name value");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + a + " needs a value");
            }
            m.put(a.substring(2), args[++i]);
        }
        JobOptions o = new JobOptions(
                m.getOrDefault("bootstrap-servers", "localhost:9092"),
                m.getOrDefault("topic", "dossier-events"),
                m.getOrDefault("dlq-topic", "dossier-events-dlq"),
                m.getOrDefault("group-id", "ioc-analytics"),
                m.getOrDefault("clickhouse-url", "http://127.0.0.1:8123"),
                m.getOrDefault("clickhouse-database", "ioc"),
                m.containsKey("catalog-dir") ? Path.of(m.get("catalog-dir")) : null,
                Duration.ofMillis(Long.parseLong(m.getOrDefault("checkpoint-interval-ms", "2000"))),
                Long.parseLong(m.getOrDefault("flush-interval-ms", "200")),
                Integer.parseInt(m.getOrDefault("parallelism", "1")),
                Boolean.parseBoolean(m.getOrDefault("until-end-of-topic", "false")));
        for (String k : m.keySet()) {
            if (!KNOWN.contains(k)) {
                throw new IllegalArgumentException("Unknown option --" + k + "; known: " + KNOWN);
            }
        }
        return o;
    }
}
