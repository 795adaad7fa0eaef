package vn.ioc.ingest.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Puts accepted events on the events topic, keyed by dossier id so that a dossier's events stay in
 * one partition and in order. Durable before it returns: acks=all and an idempotent producer, so a
 * retried send is never written twice.
 */
public final class EventPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;

    public EventPublisher(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
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

    @Override
    public void close() {
        producer.close();
    }
}
