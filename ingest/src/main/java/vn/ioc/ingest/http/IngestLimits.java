package vn.ioc.ingest.http;

import java.time.Duration;
import java.util.Map;

/**
 * What the endpoint takes before it says no, so that overload gives 413, 429 or 503 answers rather
 * than an out-of-memory error.
 *
 * @param maxRequestBytes       a body longer than this is refused (413)
 * @param maxItemsPerRequest    items (events, snapshots) read from one body at most (413 beyond)
 * @param maxConcurrentRequests requests processed at once; more get 429
 * @param maxInFlightBytes      body bytes of the requests processed at once (a body of unknown
 *                              length counts as {@code maxRequestBytes}); beyond, 429
 * @param ackTimeout            how long a request waits for Kafka's acknowledgements
 * @param retryAfter            the Retry-After of 429 and 503 answers
 */
public record IngestLimits(long maxRequestBytes, int maxItemsPerRequest, int maxConcurrentRequests,
                           long maxInFlightBytes, Duration ackTimeout, Duration retryAfter) {

    public static final long MIB = 1024L * 1024;

    public IngestLimits {
        if (maxRequestBytes < 1024 || maxItemsPerRequest < 1 || maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("limits must be positive (a request at least 1 KiB)");
        }
        if (maxInFlightBytes < maxRequestBytes) {
            throw new IllegalArgumentException("maxInFlightBytes must hold at least one request of maxRequestBytes");
        }
        if (maxInFlightBytes / 1024 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxInFlightBytes is too large");
        }
    }

    /** 16 MiB a request, 100,000 items, 8 at once, 64 MiB in flight, 30 s for acks, retry after 5 s. */
    public static IngestLimits defaults() {
        return new IngestLimits(16 * MIB, 100_000, 8, 64 * MIB, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    /**
     * The limits set by {@code IOC_INGEST_MAX_REQUEST_BYTES}, {@code IOC_INGEST_MAX_ITEMS},
     * {@code IOC_INGEST_MAX_CONCURRENT}, {@code IOC_INGEST_MAX_INFLIGHT_BYTES},
     * {@code IOC_INGEST_ACK_TIMEOUT_SECONDS} and {@code IOC_INGEST_RETRY_AFTER_SECONDS}, the
     * {@link #defaults()} for those not set.
     */
    public static IngestLimits fromEnvironment(Map<String, String> env) {
        IngestLimits d = defaults();
        return new IngestLimits(
                longEnv(env, "IOC_INGEST_MAX_REQUEST_BYTES", d.maxRequestBytes()),
                (int) longEnv(env, "IOC_INGEST_MAX_ITEMS", d.maxItemsPerRequest()),
                (int) longEnv(env, "IOC_INGEST_MAX_CONCURRENT", d.maxConcurrentRequests()),
                longEnv(env, "IOC_INGEST_MAX_INFLIGHT_BYTES", d.maxInFlightBytes()),
                Duration.ofSeconds(longEnv(env, "IOC_INGEST_ACK_TIMEOUT_SECONDS", d.ackTimeout().toSeconds())),
                Duration.ofSeconds(longEnv(env, "IOC_INGEST_RETRY_AFTER_SECONDS", d.retryAfter().toSeconds())));
    }

    static long longEnv(Map<String, String> env, String name, long fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
        }
    }

    public IngestLimits withMaxRequestBytes(long bytes) {
        return new IngestLimits(bytes, maxItemsPerRequest, maxConcurrentRequests, Math.max(maxInFlightBytes, bytes), ackTimeout, retryAfter);
    }

    public IngestLimits withMaxItemsPerRequest(int items) {
        return new IngestLimits(maxRequestBytes, items, maxConcurrentRequests, maxInFlightBytes, ackTimeout, retryAfter);
    }

    public IngestLimits withMaxConcurrentRequests(int n) {
        return new IngestLimits(maxRequestBytes, maxItemsPerRequest, n, maxInFlightBytes, ackTimeout, retryAfter);
    }

    public IngestLimits withMaxInFlightBytes(long bytes) {
        return new IngestLimits(maxRequestBytes, maxItemsPerRequest, maxConcurrentRequests, bytes, ackTimeout, retryAfter);
    }

    public IngestLimits withAckTimeout(Duration d) {
        return new IngestLimits(maxRequestBytes, maxItemsPerRequest, maxConcurrentRequests, maxInFlightBytes, d, retryAfter);
    }

    public IngestLimits withRetryAfter(Duration d) {
        return new IngestLimits(maxRequestBytes, maxItemsPerRequest, maxConcurrentRequests, maxInFlightBytes, ackTimeout, d);
    }

    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
