package vn.ioc.dashboard.status;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * How far the analytics job is through the events topic: the topic's end offsets (events accepted so
 * far) against the offsets the job committed with its last completed checkpoint (events whose
 * effects are in ClickHouse).
 */
public final class KafkaProgress implements AutoCloseable {

    /** Accepted = events on the topic; applied = events reflected in the tables; lag = the difference. */
    public record Progress(long accepted, long applied, long lag) {
    }

    private final Admin admin;
    private final String topic;
    private final String groupId;

    public KafkaProgress(String bootstrapServers, String topic, String groupId) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "ioc-dashboard-status");
        this.admin = Admin.create(p);
        this.topic = topic;
        this.groupId = groupId;
    }

    public Progress progress() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartitionInfo info : admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                .get(4, TimeUnit.SECONDS).get(topic).partitions()) {
            latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(4, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(4, TimeUnit.SECONDS);
        long accepted = 0;
        long applied = 0;
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
            long end = e.getValue().offset();
            OffsetAndMetadata c = committed.get(e.getKey());
            long done = c == null ? 0 : c.offset();
            accepted += end;
            applied += Math.min(done, end);
            lag += Math.max(0, end - done);
        }
        return new Progress(accepted, applied, lag);
    }

    @Override
    public void close() {
        admin.close();
    }
}
