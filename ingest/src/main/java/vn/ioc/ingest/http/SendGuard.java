package vn.ioc.ingest.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The sends of one request. Once Kafka refuses a record (it cannot be reached, its buffer stayed
 * full), the rest of the request is not sent: each further send would wait for the broker again.
 * Those items are still read and reported, as not stored, so the client knows what to send again.
 */
final class SendGuard {

    private final KafkaBreaker breaker;
    private volatile String refusal;

    SendGuard(KafkaBreaker breaker) {
        this.breaker = breaker;
    }

    CompletableFuture<Void> send(Supplier<CompletableFuture<Void>> send) {
        String refused = refusal;
        if (refused != null) {
            return CompletableFuture.failedFuture(new NotSentException("not sent: Kafka refused an earlier record of this request ("
                    + refused + ")"));
        }
        CompletableFuture<Void> f;
        try {
            f = send.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        if (f.isCompletedExceptionally()) {
            refusal = describe(cause(f));
        }
        f.whenComplete((ok, error) -> {
            if (error != null) {
                breaker.trip(unwrap(error));
            }
        });
        return f;
    }

    private static Throwable cause(CompletableFuture<Void> f) {
        try {
            f.getNow(null);
            return null;
        } catch (CompletionException e) {
            return unwrap(e);
        } catch (RuntimeException e) {
            return e;
        }
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String describe(Throwable t) {
        t = unwrap(t);
        if (t == null) {
            return "unknown problem";
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 200 ? m.substring(0, 200) + "..." : m));
    }

    /** An item skipped because Kafka had refused an earlier one. */
    static final class NotSentException extends RuntimeException {
        NotSentException(String message) {
            super(message, null, false, false);
        }
    }
}
