package vn.ioc.ingest.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/** A topic the ingest module writes, with what it needs when it has to be created. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition: " + name);
        }
        configs = Map.copyOf(configs);
    }

    /** A log kept for {@code retentionMs} (-1: forever), as the events and dead-letter topics are. */
    public static TopicSpec retained(String name, int partitions, long retentionMs) {
        return new TopicSpec(name, partitions, Map.of("retention.ms", Long.toString(retentionMs)));
    }

    /** A compacted topic: the latest record of each key is kept, older ones are cleaned away. */
    public static TopicSpec compacted(String name, int partitions) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("cleanup.policy", "compact");
        c.put("retention.ms", "-1");
        return new TopicSpec(name, partitions, c);
    }
}
