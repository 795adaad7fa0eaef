package vn.ioc.infra.launcher;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real broker process from infra/kafka-broker's jars: starts, keeps a record across a restart. */
class KafkaBrokerProcessIntegrationTest {

    private static final String TOPIC = "dossier-events";

    @Test
    @Timeout(120)
    void keepsRecordsAndTopicsAcrossARestart(@TempDir Path dir) throws Exception {
        ProjectLayout layout = ProjectLayout.locate(null, Path.of(""));
        KafkaBrokerProcess.Settings settings = new KafkaBrokerProcess.Settings(dir.resolve("kafka"),
                dir.resolve("conf/kafka-server.properties"), dir.resolve("logs/kafka.log"),
                PortCheck.freePort(), PortCheck.freePort(), layout.classpath(ProjectLayout.KAFKA_BROKER), "256m");
        List<KafkaBrokerProcess> started = new ArrayList<>();
        try {
            KafkaBrokerProcess first = new KafkaBrokerProcess(settings);
            started.add(first);
            first.start();
            Duration ready = first.awaitReady(Duration.ofSeconds(60));
            String bootstrap = first.bootstrapServers();
            String clusterId = clusterId(settings);

            assertThat(KafkaBrokerProcess.ensureTopics(bootstrap, topics())).containsExactly(TOPIC, TOPIC + "-dlq");
            assertThat(KafkaBrokerProcess.partitions(bootstrap, List.of(TOPIC, TOPIC + "-dlq")))
                    .isEqualTo(Map.of(TOPIC, 4, TOPIC + "-dlq", 1));
            produce(bootstrap, "HS-001", "{\"eventId\":\"e-1\"}");
            assertThat(consumeAll(bootstrap, "first-reader")).containsExactly("HS-001={\"eventId\":\"e-1\"}");
            System.out.printf("Kafka broker: ready in %d ms, RSS %s%n", ready.toMillis(),
                    Supervisor.megabytes(first.process().rssBytes()));

            ProcessHandle firstProcess = first.process().handle();
            assertThat(first.stop(Duration.ofSeconds(20))).as("exits on SIGTERM").isTrue();
            assertThat(firstProcess.isAlive()).isFalse();

            KafkaBrokerProcess second = new KafkaBrokerProcess(settings);
            started.add(second);
            second.start();
            Duration readyAgain = second.awaitReady(Duration.ofSeconds(60));
            System.out.printf("Kafka broker restart: ready in %d ms%n", readyAgain.toMillis());

            assertThat(clusterId(settings)).as("storage is formatted once").isEqualTo(clusterId);
            assertThat(KafkaBrokerProcess.ensureTopics(bootstrap, topics())).as("topics kept").isEmpty();
            assertThat(consumeAll(bootstrap, "second-reader")).containsExactly("HS-001={\"eventId\":\"e-1\"}");
            assertThat(second.stop(Duration.ofSeconds(20))).isTrue();
        } finally {
            started.forEach(broker -> broker.stop(Duration.ofSeconds(10)));
        }
        assertThat(started).allSatisfy(broker -> assertThat(broker.process().isAlive()).isFalse());
    }

    private static List<KafkaBrokerProcess.TopicSpec> topics() {
        return List.of(new KafkaBrokerProcess.TopicSpec(TOPIC, 4, Map.of("retention.ms", "-1")),
                new KafkaBrokerProcess.TopicSpec(TOPIC + "-dlq", 1, Map.of("retention.ms", "-1")));
    }

    private static String clusterId(KafkaBrokerProcess.Settings settings) throws Exception {
        return Files.readAllLines(settings.dataDir().resolve("meta.properties")).stream()
                .filter(line -> line.startsWith("cluster.id=")).findFirst().orElseThrow();
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    /** Reads the topic from the beginning until one record arrives or 30 s pass. */
    private static List<String> consumeAll(String bootstrap, String group) {
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record.key() + "=" + record.value());
                }
            }
        }
        return records;
    }
}
