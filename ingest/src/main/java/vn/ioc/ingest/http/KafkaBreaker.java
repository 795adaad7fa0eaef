package vn.ioc.ingest.http;

import java.time.Duration;

/**
 * Remembers that Kafka just refused a record, so that the requests of the next few seconds are
 * answered 503 at once instead of each waiting for the broker in turn. After the pause, the next
 * request tries again.
 */
final class KafkaBreaker {

    private final long pauseNanos;
    private volatile long openUntil = System.nanoTime();
    private volatile String lastProblem = "";

    KafkaBreaker(Duration pause) {
        this.pauseNanos = pause.toNanos();
    }

    void trip(Throwable cause) {
        openUntil = System.nanoTime() + pauseNanos;
        lastProblem = SendGuard.describe(cause);
    }

    /** Seconds to wait before Kafka is tried again; 0 when requests may go ahead. */
    long secondsLeft() {
        long left = openUntil - System.nanoTime();
        return left <= 0 ? 0 : Math.max(1, (left + 999_999_999) / 1_000_000_000);
    }

    String lastProblem() {
        return lastProblem;
    }
}
