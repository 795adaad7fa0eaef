package vn.ioc.ingest.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventJson;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Puts accepted events on the events topic, keyed by dossier id so that a dossier's events stay in
 * one partition and in order, in the canonical form {@link EventJson} writes. Durable before it
 * reports success: acks=all and an idempotent producer, so a retried send is never written twice.
 * The record's {@value #SOURCE_HEADER} header names the system or file the event came from.
 */
public final class EventPublisher implements EventSink, AutoCloseable {

    public static final String SOURCE_HEADER = "ioc-source";

    private final Producer<String, byte[]> producer;
    private final String topic;

    /** A patient publisher: a slow or restarting broker is waited for (the simulator, file replay). */
    public EventPublisher(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, Duration.ofSeconds(60), KafkaSettings.PATIENT_DELIVERY);
    }

    /**
     * @param maxBlock        how long a send may wait for the broker before it fails (an HTTP client
     *                        waits for the answer, so the endpoint keeps this short)
     * @param deliveryTimeout how long a record may wait for its acknowledgement
     */
    public EventPublisher(String bootstrapServers, String topic, Duration maxBlock, Duration deliveryTimeout) {
        this.producer = new KafkaProducer<>(KafkaSettings.durableProducer(bootstrapServers, maxBlock, deliveryTimeout));
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    @Override
    public CompletableFuture<Void> send(DossierEvent event, String source) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.dossierId(), EventJson.toJsonBytes(event));
        if (source != null) {
            record.headers().add(new RecordHeader(SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8)));
        }
        return KafkaSettings.sendAcked(producer, record);
    }

    /** Sends the events and waits until every one is acknowledged by the broker. */
    public void publishAll(List<DossierEvent> events) throws InterruptedException, ExecutionException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (DossierEvent e : events) {
            acks.add(producer.send(new ProducerRecord<>(topic, e.dossierId(), EventJson.toJsonBytes(e))));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
    }

    /** Sends whatever is still buffered now, rather than after the linger time. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
