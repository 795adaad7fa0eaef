package vn.ioc.ingest.sync;

import vn.ioc.domain.sync.NationalSnapshot;

import java.util.concurrent.CompletableFuture;

/**
 * The latest national-portal snapshot of each dossier, to diff the next one against. The adapter's
 * event ids depend only on a dossier's history, so a lost or stale entry can only make a snapshot
 * yield events again under the same ids (counted once downstream), never lose one.
 */
public interface SnapshotStore {

    /** The latest stored snapshot of the dossier, null when there is none. */
    NationalSnapshot latest(String maHoSo);

    /** Stores a snapshot durably; it becomes {@link #latest} once the future completes. */
    CompletableFuture<Void> put(NationalSnapshot snapshot);
}
