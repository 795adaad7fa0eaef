package vn.ioc.analytics.bench;

import com.clickhouse.client.api.Client;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import vn.ioc.analytics.DossierKpiJob;
import vn.ioc.analytics.DossierKpiPipeline;
import vn.ioc.analytics.JobOptions;
import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventJson;
import vn.ioc.infra.clickhouse.LocalClickHouse;
import vn.ioc.infra.kafka.EmbeddedKafka;
import vn.ioc.infra.schema.ClickHouseEndpoint;
import vn.ioc.infra.schema.SchemaMigrator;
import vn.ioc.ingest.simulator.ProvinceSimulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The analytics benchmark: a simulated province's events through a real Kafka broker, the job on a
 * Flink MiniCluster (RocksDB state, as on the cluster) and the local ClickHouse.
 *
 * <ol>
 *   <li>Replay: N events (default 10 million, about a province-year) are put on a topic, then the
 *       job runs bounded over it; prints events/s from the job's start to its end (tables written).</li>
 *   <li>With {@code --without-clickhouse true}, the same replay with sinks that discard their rows:
 *       the job's own share of the time, without ClickHouse.</li>
 *   <li>Live: events are sent at a steady rate to a job already running; for a sample of events the
 *       time from send to the event's row being queryable in ClickHouse gives p50/p95/p99.</li>
 * </ol>
 * Run (see README, "Benchmarks"): {@code ./mvnw -q -pl analytics exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-Xmx4g -cp %classpath vn.ioc.analytics.bench.PipelineBenchmark
 * --events 10000000"}
 */
public final class PipelineBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        long events = Long.parseLong(o.getOrDefault("events", "10000000"));
        int liveRate = Integer.parseInt(o.getOrDefault("live-rate", "2000"));
        int liveSeconds = Integer.parseInt(o.getOrDefault("live-seconds", "60"));
        int parallelism = Integer.parseInt(o.getOrDefault("parallelism", "1"));
        boolean withoutClickHouse = Boolean.parseBoolean(o.getOrDefault("without-clickhouse", "false"));
        // The job's options for the replay run; absent, the job's defaults (the live run always has those).
        JobIntervals replayIntervals = new JobIntervals(o.get("replay-flush-interval-ms"), o.get("replay-checkpoint-interval-ms"));
        Catalogs catalogs = Catalogs.loadDefault();

        Configuration config = new Configuration();
        config.setString("state.backend.type", "rocksdb");
        config.setString("execution.checkpointing.incremental", "true");
        config.setString("state.backend.rocksdb.use-bloom-filter", "true");
        Path checkpoints = Files.createTempDirectory("bench-checkpoints");
        config.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
        // Managed memory holds RocksDB's block cache and write buffers.
        int managedMemoryMb = Integer.parseInt(o.getOrDefault("managed-memory-mb", "512"));
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(managedMemoryMb));
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                     .setConfiguration(config).setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build())) {
            cluster.start();
            System.out.printf("Parts up: Kafka %s, Flink MiniCluster (managed memory %d MB), ClickHouse %s%n",
                    kafka.bootstrapServers(), managedMemoryMb, LocalClickHouse.get().url());

            // 1. Replay.
            kafka.createTopic("replay", 4);
            long t0 = System.nanoTime();
            long produced = produceSimulated(kafka.bootstrapServers(), "replay", catalogs, events);
            double produceSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("Produced %,d events in %.1f s (%,.0f events/s)%n", produced, produceSeconds,
                    produced / produceSeconds);
            ClickHouseEndpoint store = store("bench_replay");
            long t1 = System.nanoTime();
            JobClient replay = submit(cluster, kafka, "replay", store, catalogs, parallelism, true, replayIntervals);
            replay.getJobExecutionResult().get();
            double replaySeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf("REPLAY: %,d events through Kafka -> Flink -> ClickHouse in %.1f s: %,.0f events/s "
                    + "(parallelism %d, %s)%n", produced, replaySeconds, produced / replaySeconds, parallelism,
                    replayIntervals);
            try (Client client = store.newClient()) {
                System.out.printf("  tables: %,d events, %,d dossiers, %,d kpi_daily rows, %,d kpi_procedure_daily rows, "
                        + "%,d kpi_procedure_monthly rows, %,d alerts%n", count(client, "events"), count(client, "dossiers"),
                        count(client, "kpi_daily"), count(client, "kpi_procedure_daily"), count(client, "kpi_procedure_monthly"),
                        count(client, "alerts"));
                // The engine's write amplification: rows inserted against rows its merges rewrote.
                var work = client.queryAll("SELECT sumIf(value, event = 'InsertedRows') AS inserted, "
                        + "sumIf(value, event = 'MergedRows') AS merged, sumIf(value, event = 'InsertQuery') AS inserts "
                        + "FROM system.events").get(0);
                System.out.printf("  ClickHouse (whole process so far): %,d inserts, %,d rows inserted, %,d rows merged%n",
                        work.getLong("inserts"), work.getLong("inserted"), work.getLong("merged"));
            }
            if (withoutClickHouse) {
                // The same job and topic with sinks that discard: how much of the time is Flink's own.
                long t2 = System.nanoTime();
                submit(cluster, kafka, "replay", null, catalogs, parallelism, true, replayIntervals)
                        .getJobExecutionResult().get();
                double flinkSeconds = (System.nanoTime() - t2) / 1e9;
                System.out.printf("REPLAY WITHOUT CLICKHOUSE (sinks discard): %,d events in %.1f s: %,.0f events/s%n",
                        produced, flinkSeconds, produced / flinkSeconds);
            }

            // 2. Live latency.
            kafka.createTopic("live", 4);
            ClickHouseEndpoint live = store("bench_live");
            JobClient job = submit(cluster, kafka, "live", live, catalogs, parallelism, false,
                    new JobIntervals(null, null));
            Thread.sleep(3000);
            long[] latencies = measureLive(kafka.bootstrapServers(), live, catalogs, liveRate, liveSeconds);
            job.cancel().get();
            Arrays.sort(latencies);
            System.out.printf("LIVE: %d events/s for %d s; event-to-queryable latency over %d sampled events: "
                            + "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", liveRate, liveSeconds, latencies.length,
                    pct(latencies, 50), pct(latencies, 95), pct(latencies, 99),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1]);
            System.out.printf("RSS of the benchmark JVM (Kafka, Flink, ClickHouse in one process): %d MB%n", rssMb());
        }
        System.exit(0);
    }

    private static ClickHouseEndpoint store(String prefix) {
        ClickHouseEndpoint e = ClickHouseEndpoint.of(LocalClickHouse.get().url(), LocalClickHouse.get().newDatabase(prefix));
        SchemaMigrator.migrate(e);
        return e;
    }

    /** The job's sink flush and checkpoint intervals for a run; null keeps the job's default. */
    private record JobIntervals(String flushMs, String checkpointMs) {
        @Override
        public String toString() {
            return "sink flush " + (flushMs == null ? "default" : flushMs + " ms") + ", checkpoints "
                    + (checkpointMs == null ? "default" : "every " + checkpointMs + " ms");
        }
    }

    private static JobClient submit(MiniCluster cluster, EmbeddedKafka kafka, String topic, ClickHouseEndpoint store,
                                    Catalogs catalogs, int parallelism, boolean bounded, JobIntervals intervals)
            throws Exception {
        TestStreamEnvironment env = new TestStreamEnvironment(cluster, parallelism);
        ClickHouseEndpoint options = store == null ? ClickHouseEndpoint.of("http://127.0.0.1:1", "none") : store;
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers", kafka.bootstrapServers(), "--topic", topic,
                "--group-id", "bench-" + topic + (store == null ? "-discard" : ""),
                "--clickhouse-url", options.url(), "--clickhouse-database", options.database(),
                "--parallelism", String.valueOf(parallelism),
                "--until-end-of-topic", String.valueOf(bounded)));
        if (intervals.flushMs() != null) {
            args.addAll(List.of("--flush-interval-ms", intervals.flushMs()));
        }
        if (intervals.checkpointMs() != null) {
            args.addAll(List.of("--checkpoint-interval-ms", intervals.checkpointMs()));
        }
        JobOptions job = JobOptions.parse(args.toArray(new String[0]));
        if (store == null) {
            DossierKpiJob.define(env, job, catalogs, new DossierKpiPipeline.Sinks(new DiscardingSink<>(),
                    new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(),
                    new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(),
                    new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>()));
        } else {
            DossierKpiJob.define(env, job, catalogs, store);
        }
        return env.executeAsync("bench-" + topic);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static long produceSimulated(String bootstrap, String topic, Catalogs catalogs, long events) {
        Instant start = WorkingCalendar.startOfDay(LocalDate.of(2025, 1, 1));
        ProvinceSimulator sim = new ProvinceSimulator(catalogs, 2025, 6000, start);
        long sent = 0;
        long reported = 0;
        Instant clock = start;
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            while (sent < events) {
                clock = clock.plus(Duration.ofHours(6));
                for (DossierEvent e : sim.advanceTo(clock)) {
                    producer.send(new ProducerRecord<>(topic, e.dossierId(), EventJson.toJsonBytes(e)));
                    if (++sent >= events) {
                        break;
                    }
                }
                if (sent - reported >= 1_000_000) {
                    reported = sent;
                    System.out.printf("  produced %,d events (simulated %s)%n", sent, clock);
                }
            }
            producer.flush();
        }
        return sent;
    }

    private static long[] measureLive(String bootstrap, ClickHouseEndpoint store, Catalogs catalogs, int rate,
                                      int seconds) throws Exception {
        Instant simStart = WorkingCalendar.startOfDay(LocalDate.of(2026, 3, 2));
        ProvinceSimulator sim = new ProvinceSimulator(catalogs, 7, 6000, simStart);
        List<DossierEvent> pool = new ArrayList<>();
        for (Instant t = simStart; pool.size() < (long) rate * seconds; t = t.plus(Duration.ofHours(6))) {
            pool.addAll(sim.advanceTo(t.plus(Duration.ofHours(6))));
        }
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> latency = new ConcurrentHashMap<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread poller = new Thread(() -> {
            try (Client client = store.newClient()) {
                while (sending.get() || latency.size() < sentAt.size()) {
                    List<String> waiting = sentAt.keySet().stream().filter(k -> !latency.containsKey(k)).limit(500).toList();
                    if (!waiting.isEmpty()) {
                        String in = String.join("','", waiting);
                        long now = System.nanoTime();
                        for (var r : client.queryAll("SELECT event_id FROM events WHERE event_id IN ('" + in + "')")) {
                            String id = r.getString("event_id");
                            latency.putIfAbsent(id, (now - sentAt.get(id)) / 1_000_000);
                        }
                    }
                    Thread.sleep(20);
                    if (!sending.get() && System.currentTimeMillis() % 1000 == 0 && latency.size() < sentAt.size()) {
                        // keep polling until everything sent is seen
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "latency-poller");
        poller.start();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            long intervalNanos = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < rate * seconds && i < pool.size(); i++) {
                DossierEvent e = pool.get(i);
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                next += intervalNanos;
                boolean sample = i % 50 == 0;
                long sendTime = System.nanoTime();
                producer.send(new ProducerRecord<>("live", e.dossierId(), EventJson.toJsonBytes(e)));
                if (sample) {
                    sentAt.put(e.eventId(), sendTime);
                }
            }
            producer.flush();
        }
        sending.set(false);
        poller.join(60_000);
        return latency.values().stream().mapToLong(Long::longValue).toArray();
    }

    private static long count(Client client, String table) {
        return client.queryAll("SELECT count() AS n FROM " + table + " FINAL").get(0).getLong("n");
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long rssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
