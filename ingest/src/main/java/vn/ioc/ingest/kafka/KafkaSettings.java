package vn.ioc.ingest.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Properties;

/** Client settings shared by every producer and reader of the ingest module. */
public final class KafkaSettings {

    /** The simulator and the file replay wait for a slow broker rather than give up. */
    public static final Duration PATIENT_DELIVERY = Duration.ofMinutes(2);

    private KafkaSettings() {
    }

    /**
     * A producer whose acknowledged records are on every in-sync replica (acks=all), idempotent so
     * that its own retries never write a record twice, batching for throughput.
     *
     * @param maxBlock        how long {@code send} may wait for metadata or buffer space before it fails
     * @param deliveryTimeout how long a record may wait for its acknowledgement before it fails
     */
    public static Properties durableProducer(String bootstrapServers, Duration maxBlock, Duration deliveryTimeout) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024));
        long delivery = deliveryTimeout.toMillis();
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(30_000, Math.max(1_000, delivery / 2))));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(delivery, 2_000)));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlock.toMillis()));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /**
     * The partitions of a topic, waiting a little for a topic created a moment ago to show in the
     * metadata; empty when it does not exist.
     */
    public static java.util.List<org.apache.kafka.common.TopicPartition> partitions(
            org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            java.util.List<org.apache.kafka.common.PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                return java.util.List.of();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return java.util.List.of();
            }
        }
    }

    /** A consumer without a group, for readers that assign partitions and seek themselves. */
    /** Sends one record; the future completes when the broker acknowledged it, or with the send's failure. */
    public static <K, V> java.util.concurrent.CompletableFuture<Void> sendAcked(
            org.apache.kafka.clients.producer.Producer<K, V> producer,
            org.apache.kafka.clients.producer.ProducerRecord<K, V> record) {
        java.util.concurrent.CompletableFuture<Void> acked = new java.util.concurrent.CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    public static Properties reader(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
