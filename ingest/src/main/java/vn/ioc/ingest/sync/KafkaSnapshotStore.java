package vn.ioc.ingest.sync;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ioc.domain.sync.NationalSnapshot;
import vn.ioc.domain.sync.SyncFormatException;
import vn.ioc.ingest.kafka.KafkaSettings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latest snapshots kept in a compacted Kafka topic keyed by MaHoSo (Kafka keeps the newest record of
 * each key) and in memory, loaded from the topic at start. A snapshot is visible in memory only
 * once the broker acknowledged it, so a restart sees what was served before it.
 *
 * <p>Memory: about 0.5 KB per dossier (1 million dossiers: about 500 MB of heap). Unit and
 * procedure codes are shared between snapshots.
 */
public final class KafkaSnapshotStore implements SnapshotStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSnapshotStore.class);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Map<String, NationalSnapshot> latest = new ConcurrentHashMap<>();
    private final Map<String, String> codes = new ConcurrentHashMap<>();

    private KafkaSnapshotStore(String bootstrapServers, String topic, Duration maxBlock, Duration deliveryTimeout) {
        this.producer = new KafkaProducer<>(KafkaSettings.durableProducer(bootstrapServers, maxBlock, deliveryTimeout));
        this.topic = topic;
    }

    /** Opens the store and reads the topic to its end; the topic must exist (see {@code Topics}). */
    public static KafkaSnapshotStore load(String bootstrapServers, String topic, Duration maxBlock, Duration deliveryTimeout,
                                          Duration loadTimeout) {
        KafkaSnapshotStore store = new KafkaSnapshotStore(bootstrapServers, topic, maxBlock, deliveryTimeout);
        try {
            store.readAll(bootstrapServers, loadTimeout);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private void readAll(String bootstrapServers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int unreadable = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaSettings.reader(bootstrapServers))) {
            List<TopicPartition> partitions = KafkaSettings.partitions(consumer, topic, Duration.ofSeconds(10));
            if (partitions.isEmpty()) {
                throw new IllegalStateException("The snapshot topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out loading the snapshot topic " + topic);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        continue;
                    }
                    if (r.value() == null) {
                        latest.remove(r.key()); // a tombstone: the dossier was forgotten
                        continue;
                    }
                    try {
                        latest.put(r.key(), shared(NationalSnapshot.parse(new String(r.value(), StandardCharsets.UTF_8))));
                    } catch (SyncFormatException e) {
                        unreadable++;
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        if (unreadable > 0) {
            LOG.warn("{} records of {} are not snapshots and were skipped", unreadable, topic);
        }
    }

    @Override
    public NationalSnapshot latest(String maHoSo) {
        return latest.get(maHoSo);
    }

    @Override
    public CompletableFuture<Void> put(NationalSnapshot snapshot) {
        NationalSnapshot s = shared(snapshot);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, s.maHoSo(), SnapshotJson.toJson(s)), (metadata, error) -> {
                if (error == null) {
                    latest.put(s.maHoSo(), s);
                    stored.complete(null);
                } else {
                    stored.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            stored.completeExceptionally(e);
        }
        return stored;
    }

    /** Dossiers with a stored snapshot. */
    public int size() {
        return latest.size();
    }

    /** The same snapshot, its unit and procedure codes shared with the other snapshots. */
    private NationalSnapshot shared(NationalSnapshot s) {
        return new NationalSnapshot(s.maHoSo(), code(s.maTTHC()), code(s.donViXuLy()), s.kenhThucHien(), s.ngayTiepNhan(),
                s.ngayHenTra(), s.trangThaiHoSo(), s.ngayKetThucXuLy(), s.ngayTra(), s.danhSachHoSoBoSung(),
                s.duocThanhToanTrucTuyen());
    }

    private String code(String c) {
        return c == null ? null : codes.computeIfAbsent(c, k -> k);
    }

    @Override
    public void close() {
        producer.close();
    }
}
