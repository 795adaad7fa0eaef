package vn.ioc.ingest.http;

import io.javalin.testtools.HttpClient;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.infra.kafka.EmbeddedKafka;
import vn.ioc.ingest.deadletter.DeadLetter;
import vn.ioc.ingest.deadletter.DeadLetterJson;
import vn.ioc.ingest.deadletter.DeadLetterRecord;
import vn.ioc.ingest.deadletter.DeadLetterStats;
import vn.ioc.ingest.deadletter.KafkaDeadLetterSink;
import vn.ioc.ingest.kafka.EventPublisher;
import vn.ioc.ingest.kafka.TopicContents;
import vn.ioc.ingest.kafka.TopicSpec;
import vn.ioc.ingest.kafka.Topics;
import vn.ioc.ingest.sync.KafkaSnapshotStore;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An ingest app wired to fresh topics of an embedded broker, as IngestMain wires it (tests). */
final class IngestFixture implements AutoCloseable {

    static final Catalogs CATALOGS = Catalogs.loadDefault();
    static final String SOURCE = "igate-test";
    static final String TOKEN = "token-of-igate-test";
    static final String OTHER_SOURCE = "vnpt-other";
    static final String OTHER_TOKEN = "token-of-vnpt-other";

    final String bootstrap;
    final String topic;
    final String dlq;
    final String snapshotTopic;
    final EventPublisher events;
    final KafkaDeadLetterSink deadLetters;
    final KafkaSnapshotStore snapshots;
    final DeadLetterStats stats;
    final IngestApp app;

    IngestFixture(EmbeddedKafka kafka, IngestLimits limits) {
        this.bootstrap = kafka.bootstrapServers();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.topic = "events-" + suffix;
        this.dlq = "dlq-" + suffix;
        this.snapshotTopic = "snapshots-" + suffix;
        Topics.ensure(bootstrap, List.of(TopicSpec.retained(topic, 4, -1), TopicSpec.retained(dlq, 1, -1),
                TopicSpec.compacted(snapshotTopic, 2)));
        this.events = new EventPublisher(bootstrap, topic, Duration.ofSeconds(5), Duration.ofSeconds(20));
        this.deadLetters = new KafkaDeadLetterSink(bootstrap, dlq, Duration.ofSeconds(5), Duration.ofSeconds(20));
        this.snapshots = KafkaSnapshotStore.load(bootstrap, snapshotTopic, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(30));
        this.stats = DeadLetterStats.open(bootstrap, dlq);
        this.app = new IngestApp(events, deadLetters, new EventValidator(CATALOGS), tokens(), limits, snapshots,
                CATALOGS.procedures(), stats);
    }

    static SourceTokens tokens() {
        return SourceTokens.ofTokens(Map.of(SOURCE, TOKEN, OTHER_SOURCE, OTHER_TOKEN));
    }

    List<ConsumerRecord<String, byte[]>> eventRecords() {
        return TopicContents.read(bootstrap, topic);
    }

    List<DeadLetter> deadLetterRecords() {
        return TopicContents.read(bootstrap, dlq).stream()
                .map(r -> DeadLetterJson.read(r.value()))
                .filter(r -> r instanceof DeadLetter)
                .map(r -> (DeadLetter) r)
                .toList();
    }

    List<DeadLetterRecord> dlqRecords() {
        return TopicContents.read(bootstrap, dlq).stream().map(r -> DeadLetterJson.read(r.value())).toList();
    }

    static Response post(HttpClient http, String path, String token, String contentType, byte[] body) {
        return http.request(path, b -> {
            b.post(RequestBody.create(body, contentType == null ? null : MediaType.get(contentType)));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
        });
    }

    static String text(Response r) {
        try {
            return r.body().string();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.close();
        events.close();
        deadLetters.close();
        snapshots.close();
        stats.close();
    }

    /** A body sent without a declared length (chunked), as a streaming client sends it. */
    static okhttp3.RequestBody chunked(byte[] body, String contentType) {
        return new okhttp3.RequestBody() {
            @Override
            public okhttp3.MediaType contentType() {
                return okhttp3.MediaType.get(contentType);
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
                sink.write(body);
            }
        };
    }
}
