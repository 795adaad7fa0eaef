package vn.ioc.ingest.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import vn.ioc.ingest.kafka.KafkaSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the dead-letter topic from the beginning, in steps: each {@link #readToEnd} delivers the
 * records written since the previous call, up to the end of the topic at the time of the call.
 * Records this module does not recognize are skipped (and counted).
 */
public final class DeadLetterTopic implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private long unreadable;
    private boolean assigned;

    public DeadLetterTopic(String bootstrapServers, String topic) {
        this.consumer = new KafkaConsumer<>(KafkaSettings.reader(bootstrapServers));
        this.topic = topic;
    }

    /** Delivers the records added since the last call, in partition order; returns how many. */
    public long readToEnd(Consumer<DeadLetterRecord> sink, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        assignAll(timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
        long n = 0;
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out reading the dead-letter topic " + topic);
            }
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
            for (ConsumerRecord<String, byte[]> r : records) {
                if (r.value() == null) {
                    continue;
                }
                DeadLetterRecord record;
                try {
                    record = DeadLetterJson.read(r.value());
                } catch (IllegalArgumentException e) {
                    unreadable++;
                    continue;
                }
                sink.accept(record);
                n++;
            }
        }
        return n;
    }

    /** Records of the topic that are not dead letters or replay markers, skipped. */
    public long unreadable() {
        return unreadable;
    }

    private void assignAll(Duration timeout) {
        if (assigned) {
            return;
        }
        List<TopicPartition> partitions = KafkaSettings.partitions(consumer, topic, Duration.ofSeconds(10));
        if (partitions.isEmpty()) {
            throw new IllegalStateException("The dead-letter topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        assigned = true;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Reads the whole topic once. */
    public static List<DeadLetterRecord> readAll(String bootstrapServers, String topic, Duration timeout) {
        List<DeadLetterRecord> out = new ArrayList<>();
        try (DeadLetterTopic t = new DeadLetterTopic(bootstrapServers, topic)) {
            t.readToEnd(out::add, timeout);
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
