package vn.ioc.analytics.rows;

/** An accepted event as stored in {@code events}: the canonical JSON plus the columns analysts filter on. */
public record EventRow(String eventId, String dossierId, String type, long atMillis, String unitCode,
                       String payload, int kafkaPartition, long kafkaOffset) {
}
