package vn.ioc.ingest.deadletter;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import vn.ioc.ingest.kafka.KafkaSettings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Writes dead letters and replay markers to the dead-letter topic, keyed by source, acks=all. */
public final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;

    public KafkaDeadLetterSink(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, Duration.ofSeconds(60), KafkaSettings.PATIENT_DELIVERY);
    }

    public KafkaDeadLetterSink(String bootstrapServers, String topic, Duration maxBlock, Duration deliveryTimeout) {
        this.producer = new KafkaProducer<>(KafkaSettings.durableProducer(bootstrapServers, maxBlock, deliveryTimeout));
        this.topic = topic;
    }

    @Override
    public CompletableFuture<Void> send(DeadLetter deadLetter) {
        return write(deadLetter);
    }

    public CompletableFuture<Void> markReplayed(ReplayMarker marker) {
        return write(marker);
    }

    private CompletableFuture<Void> write(DeadLetterRecord r) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, r.key(), DeadLetterJson.toJson(r));
        record.headers().add(new RecordHeader(DeadLetterJson.KIND_HEADER, DeadLetterJson.kind(r).getBytes(StandardCharsets.UTF_8)));
        return KafkaSettings.sendAcked(producer, record);
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
