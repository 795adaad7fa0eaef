package vn.ioc.ingest.http;

/** An answer other than 200, with the sentence the client gets in {@code {"error": ...}}. */
final class HttpError extends RuntimeException {

    private final int status;
    private final long retryAfterSeconds;

    HttpError(int status, String message) {
        this(status, message, 0);
    }

    HttpError(int status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    int status() {
        return status;
    }

    /** Seconds for the Retry-After header; 0 for none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
