package vn.ioc.analytics;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ioc.analytics.sink.ClickHouseSink;
import vn.ioc.analytics.sink.FlushPolicy;
import vn.ioc.analytics.sink.RowEncoder;
import vn.ioc.analytics.sink.Tables;
import vn.ioc.analytics.source.RawEvent;
import vn.ioc.analytics.source.RawEventDeserializer;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.infra.schema.ClickHouseEndpoint;
import vn.ioc.infra.schema.SchemaMigrator;

import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The analytics job: dossier events from Kafka to KPI tables in ClickHouse. This is the jar's entry
 * point, submitted to any Flink 2.2 cluster.
 *
 * <p>Exactly the same tables after a restart or a replay: state is checkpointed in exactly-once mode
 * (so the additive daily aggregates never apply an event twice), Kafka offsets are committed on
 * checkpoints (for monitoring: the job's own position is in its checkpoints), every row written is
 * a whole, versioned row of a replacing table, and the sinks flush
 * before each checkpoint completes. Committed offsets at the topic's end therefore mean that every
 * accepted event is reflected in the tables, which is what the dashboard's {@code caughtUp} reads.
 */
public final class DossierKpiJob {

    private static final Logger LOG = LoggerFactory.getLogger(DossierKpiJob.class);
    public static final String JOB_NAME = "IOC dossier KPIs";
    public static final int SINK_BUFFER_ROWS = 20_000;

    private DossierKpiJob() {
    }

    public static void main(String[] args) throws Exception {
        JobOptions options = JobOptions.parse(args);
        Catalogs catalogs = options.catalogDir() == null ? Catalogs.loadDefault() : Catalogs.load(options.catalogDir());
        ClickHouseEndpoint clickhouse = ClickHouseEndpoint.of(options.clickhouseUrl(), options.clickhouseDatabase());
        // The job may be the first thing to reach a fresh ClickHouse: make sure the schema is there.
        SchemaMigrator.migrate(clickhouse);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env, options, catalogs, clickhouse);
        env.execute(JOB_NAME);
    }

    /** Adds the job's topology, from the Kafka topic to the ClickHouse tables, to the environment. */
    public static void define(StreamExecutionEnvironment env, JobOptions options, Catalogs catalogs,
                              ClickHouseEndpoint clickhouse) {
        define(env, options, catalogs, sinks(clickhouse, options.flushIntervalMs()));
    }

    /** The same topology with other sinks (the benchmark measures the job without ClickHouse too). */
    public static void define(StreamExecutionEnvironment env, JobOptions options, Catalogs catalogs,
                              DossierKpiPipeline.Sinks sinks) {
        env.setParallelism(options.parallelism());
        // Every record type of the pipeline is an immutable record, made anew by the operator that
        // emits it, so chained operators can hand it on without the defensive copy.
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(options.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);

        DataStream<RawEvent> raw = env.fromSource(source(options, options.topic(), options.groupId()),
                WatermarkStrategy.noWatermarks(), "dossier events").uid("kafka-source");
        DataStream<RawEvent> deadLetterTopic = !topicExists(options, options.dlqTopic()) ? null
                : env.fromSource(source(options, options.dlqTopic(), options.groupId() + "-dead-letters"),
                        WatermarkStrategy.noWatermarks(), "dead-letter topic").uid("kafka-dead-letter-source");
        DossierKpiPipeline.build(raw, deadLetterTopic, catalogs, sinks);
    }

    /**
     * The dead-letter topic is the ingest's; a deployment without it (only producers writing straight
     * to the events topic) still runs, with the job's own refusals only. A missing topic would
     * otherwise make the source fail over and over.
     */
    private static boolean topicExists(JobOptions options, String topic) {
        if (topic.isBlank()) {
            return false;
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(p)) {
            boolean exists = admin.listTopics().names().get(15, TimeUnit.SECONDS).contains(topic);
            if (!exists) {
                LOG.warn("Topic {} does not exist: the ingest's dead letters are not copied to ClickHouse", topic);
            }
            return exists;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot reach Kafka at " + options.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    private static KafkaSource<RawEvent> source(JobOptions options, String topic, String groupId) {
        var builder = KafkaSource.<RawEvent>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setTopics(topic)
                .setGroupId(groupId)
                // Without restored state the job must read the topic from its start: the aggregates are
                // built from every event. On restore, Flink resumes from the checkpointed offsets.
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawEventDeserializer())
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("partition.discovery.interval.ms", "60000");
        if (options.untilEndOfTopic()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * The job's sinks. Each table's rows per event (what its writer logs at close, over a replay of the
     * simulated province-year) sets when its sink is catching up: see {@link FlushPolicy}.
     */
    public static DossierKpiPipeline.Sinks sinks(ClickHouseEndpoint clickhouse, long flushIntervalMs) {
        return new DossierKpiPipeline.Sinks(
                sink(clickhouse, "events", Tables.EVENTS, flushIntervalMs, 1.0),
                sink(clickhouse, "dossiers", Tables.DOSSIERS, flushIntervalMs, 0.6),
                sink(clickhouse, "late_dossiers", Tables.LATE_DOSSIERS, flushIntervalMs, 0.01),
                sink(clickhouse, "kpi_daily", Tables.KPI_DAILY, flushIntervalMs, 0.2),
                sink(clickhouse, "kpi_procedure_daily", Tables.KPI_PROCEDURE_DAILY, flushIntervalMs, 0.5),
                sink(clickhouse, "kpi_procedure_monthly", Tables.KPI_PROCEDURE_MONTHLY, flushIntervalMs, 0.3),
                sink(clickhouse, "alerts", Tables.ALERTS, flushIntervalMs, 1.0),
                sink(clickhouse, "alerts_by_resolution", Tables.ALERTS_BY_RESOLUTION, flushIntervalMs, 1.0),
                sink(clickhouse, "alert_transitions", Tables.ALERT_TRANSITIONS, flushIntervalMs, 1.3),
                sink(clickhouse, "alert_daily", Tables.ALERT_DAILY, flushIntervalMs, 0.4),
                // Dead letters come as floods of one row per line (an operator's file with bad lines) or not at all.
                sink(clickhouse, "dead_letters", Tables.DEAD_LETTERS, flushIntervalMs, 1.0),
                sink(clickhouse, "dead_letter_replays", Tables.DEAD_LETTER_REPLAYS, flushIntervalMs, 1.0));
    }

    private static <T> ClickHouseSink<T> sink(ClickHouseEndpoint clickhouse, String table, RowEncoder<T> encoder,
                                              long flushIntervalMs, double rowsPerEvent) {
        return new ClickHouseSink<>(clickhouse, table, encoder, FlushPolicy.ofTick(flushIntervalMs, rowsPerEvent),
                SINK_BUFFER_ROWS);
    }
}
