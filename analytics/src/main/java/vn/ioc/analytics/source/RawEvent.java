package vn.ioc.analytics.source;

/**
 * A record as it came off the events topic, before validation: the bytes are kept so that a record
 * the job cannot accept is stored as it was, with where it came from.
 */
public record RawEvent(String key, byte[] value, int partition, long offset, long timestamp) {
}
