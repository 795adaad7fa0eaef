package vn.ioc.dashboard;

import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ioc.analytics.DossierKpiJob;
import vn.ioc.analytics.JobOptions;
import vn.ioc.dashboard.status.KafkaProgress;
import vn.ioc.dashboard.status.PipelineStatus;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.infra.clickhouse.LocalClickHouse;
import vn.ioc.infra.kafka.EmbeddedKafka;
import vn.ioc.infra.schema.ClickHouseEndpoint;
import vn.ioc.infra.schema.SchemaMigrator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton, all real: events sent to a Kafka broker, the analytics job on a Flink
 * MiniCluster, the tables in the local ClickHouse, the numbers read through the dashboard's API.
 */
class PipelineEndToEndTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String TOPIC = "dossier-events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafka kafka;
    private static ClickHouseEndpoint clickhouse;

    @BeforeAll
    static void startParts() {
        kafka = EmbeddedKafka.start();
        kafka.createTopic(TOPIC, 4);
        kafka.createTopic("dossier-events-dlq", 1);
        clickhouse = ClickHouseEndpoint.of(LocalClickHouse.get().url(), LocalClickHouse.get().newDatabase("e2e"));
        SchemaMigrator.migrate(clickhouse);
    }

    @AfterAll
    static void stopParts() {
        kafka.close();
    }

    @Test
    void eventsSentToKafkaAreCountedExactlyByTheKpiApi() throws Exception {
        Catalogs catalogs = Catalogs.loadDefault();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DossierKpiJob.define(env, JobOptions.parse(new String[] {
                "--bootstrap-servers", kafka.bootstrapServers(), "--topic", TOPIC,
                "--clickhouse-url", clickhouse.url(), "--clickhouse-database", clickhouse.database(),
                "--checkpoint-interval-ms", "500", "--parallelism", "2"}), catalogs, clickhouse);
        JobClient job = env.executeAsync("end-to-end");

        List<String> lines = exampleLines();
        List<String> sent = new ArrayList<>(lines);
        sent.addAll(lines.subList(3, 10)); // duplicates: the same events again
        sent.add("{\"eventId\":\"broken\""); // a broken record among them
        produce(sent);

        try (Client client = clickhouse.newClient();
             KafkaProgress progress = new KafkaProgress(kafka.bootstrapServers(), TOPIC, "ioc-analytics")) {
            DashboardApp app = TestUsers.app(catalogs, client, new PipelineStatus(client, progress, null));
            JavalinTest.test(app.javalin(), (server, http) -> {
                Await.until("the pipeline has applied every accepted event", Duration.ofSeconds(90), () -> {
                    JsonNode status = json(body(http.get("/api/status")));
                    return status.path("caughtUp").asBoolean() && status.path("acceptedEvents").asLong() == sent.size();
                });

                JsonNode status = json(body(http.get("/api/status")));
                assertThat(status.at("/deadLetters/total").asLong()).isEqualTo(1);
                assertThat(status.at("/deadLetters/byReason/BAD_JSON/pending").asLong()).isEqualTo(1);

                JsonNode june = json(http.get("/api/kpi?unit=000.00.00.H23&from=2025-06-01&to=2025-06-30", TestUsers.wall()).body().string());
                assertThat(june.get("unit").asText()).isEqualTo("000.00.00.H23");
                assertThat(june.get("from").asText()).isEqualTo("2025-06-01");
                assertThat(june.get("received").asLong()).isEqualTo(3);
                assertThat(june.get("early").asLong()).isEqualTo(2);
                assertThat(june.get("onTime").asLong()).isZero();
                assertThat(june.get("late").asLong()).isZero();
                assertThat(june.get("ended").asLong()).isEqualTo(2);
                assertThat(june.get("withdrawn").asLong()).isEqualTo(1);
                assertThat(june.get("openAtEnd").asLong()).isZero();
                assertThat(june.get("overdueAtEnd").asLong()).isZero();
                assertThat(june.get("onTimeRate").asDouble()).isEqualTo(1.0);
                assertThat(june.get("onlineReceived").asLong()).isEqualTo(1);
                assertThat(june.get("paidOnline").asLong()).isEqualTo(1);
                assertThat(june.get("electronicResults").asLong()).isEqualTo(1);
                assertThat(june.get("ratings").asLong()).isEqualTo(2);
                assertThat(june.get("satisfied").asLong()).isEqualTo(1);
                assertThat(june.get("satisfactionRate").asDouble()).isEqualTo(0.5);

                // The job's breakdown by procedure adds up to the unit's counts.
                JsonNode byProcedure = json(body(http.get("/api/kpi/procedures?unit=000.00.00.H23&from=2025-06-01&to=2025-06-30",
                        TestUsers.as(TestUsers.login(http, "leader")))));
                for (String field : List.of("received", "early", "onTime", "late", "withdrawn", "openAtEnd")) {
                    long sum = 0;
                    for (JsonNode p : byProcedure.get("procedures")) {
                        sum += p.get(field).asLong();
                    }
                    assertThat(sum).as(field).isEqualTo(june.get(field).asLong());
                }
                assertThat(byProcedure.get("procedures")).isNotEmpty();

                // One day: 3 June. Received 0042 and 0007; open at its end 0001, 0042, 0007.
                JsonNode june3 = json(http.get("/api/kpi?unit=000.00.00.H23&from=2025-06-03&to=2025-06-03", TestUsers.wall()).body().string());
                assertThat(june3.get("received").asLong()).isEqualTo(2);
                assertThat(june3.get("openAtEnd").asLong()).isEqualTo(3);
                assertThat(june3.get("ended").asLong()).isZero();
                assertThat(june3.get("onTimeRate").asDouble()).isEqualTo(1.0);

                // A period with nothing: rates are null, not zero.
                JsonNode may = json(http.get("/api/kpi?unit=000.00.00.H23&from=2025-05-01&to=2025-05-31", TestUsers.wall()).body().string());
                assertThat(may.get("received").asLong()).isZero();
                assertThat(may.get("onTimeRate").isNull()).isTrue();

                // The job's alert tables: 0001 is at risk from 4 Jun 08:05 (one working day before its due)
                // until its completion at 15:30 the same day; every other episode it wrote on the way,
                // for dossiers whose late events changed their past, is gone again.
                for (var expected : Map.of("2025-06-04T08:04:59.999%2B07:00", 0, "2025-06-04T08:05:00%2B07:00", 1,
                        "2025-06-04T15:29:59.999%2B07:00", 1, "2025-06-04T15:30:00%2B07:00", 0, "2025-06-20T12:00:00%2B07:00", 0)
                        .entrySet()) {
                    JsonNode alerts = json(http.get("/api/alerts?unit=000.00.00.H23&at=" + expected.getKey(), TestUsers.wall())
                            .body().string());
                    assertThat(alerts.path("counts").path("AT_RISK").asLong()).as(expected.getKey()).isEqualTo((long) expected.getValue());
                    assertThat(alerts.get("counts").size()).as(expected.getKey()).isEqualTo((long) expected.getValue());
                    assertThat(alerts.get("alerts").size()).as(expected.getKey()).isEqualTo((long) expected.getValue());
                }

                assertThat(http.get("/api/kpi?unit=nope&from=2025-06-01&to=2025-06-30", TestUsers.wall()).code()).isEqualTo(404);
                assertThat(http.get("/api/kpi?unit=000.00.00.H23&from=2025-06-31&to=2025-06-30", TestUsers.wall()).code()).isEqualTo(400);
            });

            assertThat(client.queryAll("SELECT count() AS n FROM dead_letters FINAL").get(0).getLong("n")).isEqualTo(1);
            assertThat(client.queryAll("SELECT count() AS n FROM events FINAL").get(0).getLong("n")).isEqualTo(lines.size());
        } finally {
            job.cancel().get();
        }
    }

    private static String body(okhttp3.Response response) {
        try (response) {
            return response.body().string();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(body, e);
        }
    }

    private static void produce(List<String> lines) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String line : lines) {
                JsonNode node = line.startsWith("{\"eventId\":\"broken") ? null : JSON.readTree(line);
                String key = node == null ? null : node.get("dossierId").asText();
                producer.send(new ProducerRecord<>(TOPIC, key, line)).get();
            }
        }
    }

    private static List<String> exampleLines() throws IOException {
        try (InputStream in = PipelineEndToEndTest.class.getResourceAsStream("/example-events.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
