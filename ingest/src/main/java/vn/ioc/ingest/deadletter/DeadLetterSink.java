package vn.ioc.ingest.deadletter;

import java.util.concurrent.CompletableFuture;

/** Where rejected inputs go: the dead-letter topic. */
public interface DeadLetterSink {

    /**
     * Hands a dead letter over; the future completes when it is stored (acks=all), exceptionally
     * when it was not; it may already be failed on return when the broker cannot be reached.
     */
    CompletableFuture<Void> send(DeadLetter deadLetter);
}
