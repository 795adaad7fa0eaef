package vn.ioc.ingest.kafka;

import vn.ioc.domain.event.DossierEvent;

import java.util.concurrent.CompletableFuture;

/** Where accepted events go: the events topic, keyed by dossier id. */
public interface EventSink {

    /**
     * Hands one event over. The future completes when the broker has acknowledged it on every
     * in-sync replica, exceptionally when it was not stored; it may already be failed on return
     * when the broker cannot be reached.
     *
     * @param source the one-stop system or file it came from, kept with the record; may be null
     */
    CompletableFuture<Void> send(DossierEvent event, String source);
}
