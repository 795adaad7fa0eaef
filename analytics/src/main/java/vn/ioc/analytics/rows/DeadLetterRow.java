package vn.ioc.analytics.rows;

/**
 * A record the job refused, as stored in {@code dead_letters}. The id is the record's place in the
 * topic, so a replay writes the same row again instead of a new one.
 */
public record DeadLetterRow(String id, long receivedAtMillis, String source, String reasonCode, String reason, String raw) {
}
