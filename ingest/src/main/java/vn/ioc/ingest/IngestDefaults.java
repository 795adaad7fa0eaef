package vn.ioc.ingest;

/** Names and defaults shared by the ingest commands, and the environment variables that set them. */
public final class IngestDefaults {

    public static final String ENV_BOOTSTRAP = "IOC_KAFKA_BOOTSTRAP";
    public static final String ENV_TOPIC = "IOC_KAFKA_TOPIC";
    public static final String ENV_DLQ_TOPIC = "IOC_KAFKA_DLQ_TOPIC";
    public static final String ENV_SNAPSHOT_TOPIC = "IOC_KAFKA_SNAPSHOT_TOPIC";
    public static final String ENV_CATALOG_DIR = "IOC_CATALOG_DIR";

    public static final String BOOTSTRAP = "localhost:9092";
    public static final String TOPIC = "dossier-events";
    public static final String DLQ_TOPIC = "dossier-events-dlq";
    public static final String SNAPSHOT_TOPIC = "dossier-snapshots";

    private IngestDefaults() {
    }
}
