package vn.ioc.ingest.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.ingest.IngestDefaults;
import vn.ioc.ingest.deadletter.DeadLetterStats;
import vn.ioc.ingest.deadletter.KafkaDeadLetterSink;
import vn.ioc.ingest.kafka.EventPublisher;
import vn.ioc.ingest.kafka.TopicSpec;
import vn.ioc.ingest.kafka.Topics;
import vn.ioc.ingest.sync.KafkaSnapshotStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts the ingest endpoint from environment variables (docs/ingest.md):
 * <pre>
 * IOC_INGEST_PORT (8090)  IOC_KAFKA_BOOTSTRAP (localhost:9092)  IOC_INGEST_TOKENS_FILE (required)  IOC_CATALOG_DIR
 * IOC_KAFKA_TOPIC (dossier-events)  IOC_KAFKA_DLQ_TOPIC (dossier-events-dlq)  IOC_KAFKA_SNAPSHOT_TOPIC (dossier-snapshots)
 * IOC_KAFKA_TOPIC_PARTITIONS (4)  IOC_KAFKA_DLQ_TOPIC_PARTITIONS (1)  IOC_KAFKA_SNAPSHOT_TOPIC_PARTITIONS (4)
 * IOC_KAFKA_TOPIC_RETENTION_MS (-1)  IOC_KAFKA_DLQ_TOPIC_RETENTION_MS (-1)
 * IOC_INGEST_MAX_REQUEST_BYTES (16 MiB)  IOC_INGEST_MAX_ITEMS (100000)  IOC_INGEST_MAX_CONCURRENT (8)
 * IOC_INGEST_MAX_INFLIGHT_BYTES (64 MiB)  IOC_INGEST_ACK_TIMEOUT_SECONDS (30)  IOC_INGEST_RETRY_AFTER_SECONDS (5)
 * </pre>
 * Missing topics are created with the partitions and retention given (existing ones are left as
 * they are); the snapshot topic is compacted.
 */
public final class IngestMain {

    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

    private IngestMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        int port = intEnv(env, "IOC_INGEST_PORT", 8090);
        String bootstrap = env.getOrDefault(IngestDefaults.ENV_BOOTSTRAP, IngestDefaults.BOOTSTRAP);
        String topic = env.getOrDefault(IngestDefaults.ENV_TOPIC, IngestDefaults.TOPIC);
        String dlqTopic = env.getOrDefault(IngestDefaults.ENV_DLQ_TOPIC, IngestDefaults.DLQ_TOPIC);
        String snapshotTopic = env.getOrDefault(IngestDefaults.ENV_SNAPSHOT_TOPIC, IngestDefaults.SNAPSHOT_TOPIC);
        String tokensFile = env.get("IOC_INGEST_TOKENS_FILE");
        if (tokensFile == null || tokensFile.isBlank() || !Files.isReadable(Path.of(tokensFile))) {
            System.err.println("IOC_INGEST_TOKENS_FILE must name a readable token file (source=sha256 of its token);"
                    + " make a token with: java -cp ... vn.ioc.ingest.http.SourceTokens SOURCE-NAME");
            System.exit(64);
        }
        SourceTokens tokens = SourceTokens.load(Path.of(tokensFile));
        String catalogDir = env.get(IngestDefaults.ENV_CATALOG_DIR);
        Catalogs catalogs = catalogDir == null || catalogDir.isBlank() ? Catalogs.loadDefault() : Catalogs.load(Path.of(catalogDir));
        IngestLimits limits = IngestLimits.fromEnvironment(env);

        List<String> created = Topics.ensure(bootstrap, List.of(
                TopicSpec.retained(topic, intEnv(env, "IOC_KAFKA_TOPIC_PARTITIONS", 4), longEnv(env, "IOC_KAFKA_TOPIC_RETENTION_MS", -1)),
                TopicSpec.retained(dlqTopic, intEnv(env, "IOC_KAFKA_DLQ_TOPIC_PARTITIONS", 1), longEnv(env, "IOC_KAFKA_DLQ_TOPIC_RETENTION_MS", -1)),
                TopicSpec.compacted(snapshotTopic, intEnv(env, "IOC_KAFKA_SNAPSHOT_TOPIC_PARTITIONS", 4))));
        if (!created.isEmpty()) {
            LOG.info("Created topics {}", created);
        }
        // A client waits for the answer: fail a send after a few seconds rather than hold the request.
        Duration maxBlock = Duration.ofSeconds(5);
        Duration delivery = limits.ackTimeout().minusSeconds(5).isNegative() ? limits.ackTimeout() : limits.ackTimeout().minusSeconds(5);
        EventPublisher events = new EventPublisher(bootstrap, topic, maxBlock, delivery);
        KafkaDeadLetterSink deadLetters = new KafkaDeadLetterSink(bootstrap, dlqTopic, maxBlock, delivery);
        long loadStart = System.nanoTime();
        KafkaSnapshotStore snapshots = KafkaSnapshotStore.load(bootstrap, snapshotTopic, maxBlock, delivery, Duration.ofMinutes(5));
        LOG.info("Loaded the latest snapshots of {} dossiers from {} in {} ms", snapshots.size(), snapshotTopic,
                (System.nanoTime() - loadStart) / 1_000_000);
        DeadLetterStats stats = DeadLetterStats.open(bootstrap, dlqTopic);
        IngestApp app = new IngestApp(events, deadLetters, new EventValidator(catalogs), tokens, limits, snapshots,
                catalogs.procedures(), stats).start(port);
        LOG.info("Ingest endpoint on port {} for {} source(s) {}, events to {}, dead letters to {}", app.port(),
                tokens.sources().size(), tokens.sources(), topic, dlqTopic);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            events.close();
            deadLetters.close();
            snapshots.close();
            stats.close();
        }, "ingest-shutdown"));
    }

    private static int intEnv(Map<String, String> env, String name, int fallback) {
        return (int) longEnv(env, name, fallback);
    }

    private static long longEnv(Map<String, String> env, String name, long fallback) {
        return IngestLimits.longEnv(env, name, fallback);
    }
}
