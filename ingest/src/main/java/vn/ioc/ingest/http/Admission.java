package vn.ioc.ingest.http;

import java.util.concurrent.Semaphore;

/**
 * Lets a request in only when there is room: a bounded number at once and a bounded number of body
 * bytes in flight. A request that does not fit is turned away at once (429 with Retry-After): a
 * client retrying later costs less than a server holding bodies it cannot process.
 */
final class Admission {

    private final IngestLimits limits;
    private final Semaphore requests;
    private final Semaphore kib;

    Admission(IngestLimits limits) {
        this.limits = limits;
        this.requests = new Semaphore(limits.maxConcurrentRequests());
        this.kib = new Semaphore((int) (limits.maxInFlightBytes() / 1024));
    }

    /** A place for one request; close it when the request is answered. */
    Ticket enter(long declaredLength) {
        if (!requests.tryAcquire()) {
            throw new HttpError(429, "too many requests in progress (" + limits.maxConcurrentRequests()
                    + "); retry later", limits.retryAfterSeconds());
        }
        long bytes = declaredLength < 0 ? limits.maxRequestBytes() : Math.min(declaredLength, limits.maxRequestBytes());
        int permits = (int) Math.max(1, (bytes + 1023) / 1024);
        if (!kib.tryAcquire(permits)) {
            requests.release();
            throw new HttpError(429, "too many bytes in flight (" + limits.maxInFlightBytes()
                    + " bytes across requests); retry later", limits.retryAfterSeconds());
        }
        return new Ticket(permits);
    }

    final class Ticket implements AutoCloseable {
        private final int permits;
        private boolean closed;

        private Ticket(int permits) {
            this.permits = permits;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                kib.release(permits);
                requests.release();
            }
        }
    }
}
