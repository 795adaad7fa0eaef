package vn.ioc.ingest.http;

import vn.ioc.domain.catalog.ProcedureCatalog;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventJson;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.domain.event.Rejection;
import vn.ioc.domain.event.Verdict;
import vn.ioc.domain.sync.NationalSnapshot;
import vn.ioc.domain.sync.NationalSyncAdapter;
import vn.ioc.domain.sync.SyncFormatException;
import vn.ioc.ingest.deadletter.DeadLetter;
import vn.ioc.ingest.deadletter.DeadLetterSink;
import vn.ioc.ingest.input.RawItem;
import vn.ioc.ingest.kafka.EventSink;
import vn.ioc.ingest.sync.SnapshotStore;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The snapshots of one national-sync request. Each is diffed against the dossier's previous snapshot
 * (an earlier one of the same request, else the store) into canonical events, which are validated
 * and sent like posted events. Only when all of a snapshot's events (or their dead letters) are
 * acknowledged is the snapshot stored as the dossier's latest: a snapshot whose events were not
 * all stored is diffed again from the old one when it is sent again.
 *
 * <p>A snapshot that yields no new event does not replace the stored one: a re-sent snapshot changes
 * nothing, and an older snapshot arriving late does not move the dossier back (the next snapshot
 * would otherwise yield again, under the same ids, events already sent).
 */
final class SnapshotBatch {

    /** Reason code of a snapshot that cannot be read (SyncFormatException). */
    static final String BAD_SNAPSHOT = "BAD_SNAPSHOT";
    static final String STORED = "stored";
    /** Nothing new: the stored snapshot already implies every event of this one, so it stays the latest. */
    static final String UNCHANGED = "unchanged";

    static final class SnapshotRow {
        final int index;
        final String dossierId;
        final NationalSnapshot snapshot;
        final List<Outcomes.Row> eventRows = new ArrayList<>();
        final Outcomes.Row rejection;
        String status;
        int events;
        boolean replacesPrevious;

        SnapshotRow(int index, String dossierId, NationalSnapshot snapshot, Outcomes.Row rejection) {
            this.index = index;
            this.dossierId = dossierId;
            this.snapshot = snapshot;
            this.rejection = rejection;
        }
    }

    private final EventSink events;
    private final DeadLetterSink deadLetters;
    private final EventValidator validator;
    private final SnapshotStore store;
    private final ProcedureCatalog procedures;
    private final String source;
    private final String origin;
    private final SendGuard guard;
    private final Outcomes outcomes;
    private final List<SnapshotRow> snapshots = new ArrayList<>();
    private final Map<String, NationalSnapshot> latestInRequest = new HashMap<>();

    SnapshotBatch(EventSink events, DeadLetterSink deadLetters, EventValidator validator, SnapshotStore store,
                  ProcedureCatalog procedures, String source, String origin, SendGuard guard, Outcomes outcomes) {
        this.events = events;
        this.deadLetters = deadLetters;
        this.validator = validator;
        this.store = store;
        this.procedures = procedures;
        this.source = source;
        this.origin = origin;
        this.guard = guard;
        this.outcomes = outcomes;
    }

    void add(RawItem item) {
        NationalSnapshot current;
        try {
            current = parse(item);
        } catch (SyncFormatException e) {
            List<Rejection> errors = List.of(new Rejection(BAD_SNAPSHOT, e.field(), e.getMessage()));
            DeadLetter dl = DeadLetter.of(source, DeadLetter.NATIONAL_SNAPSHOT, where(item), errors, item.bytes(), item.size());
            Outcomes.Row row = outcomes.add(item.index(), item.line(), null, false, errors, guard.send(() -> deadLetters.send(dl)));
            snapshots.add(new SnapshotRow(item.index(), null, null, row));
            return;
        }
        NationalSnapshot previous = latestInRequest.containsKey(current.maHoSo())
                ? latestInRequest.get(current.maHoSo()) : store.latest(current.maHoSo());
        SnapshotRow row = new SnapshotRow(item.index(), current.maHoSo(), current, null);
        for (DossierEvent derived : NationalSyncAdapter.eventsBetween(previous, current, procedures)) {
            byte[] json = EventJson.toJsonBytes(derived);
            Verdict v = validator.validate(json);
            if (v.accepted()) {
                row.eventRows.add(outcomes.add(item.index(), item.line(), derived.eventId(), true, List.of(),
                        guard.send(() -> events.send(v.event(), source))));
            } else {
                // kept as the event it became, so that a replay after a catalog fix publishes it
                DeadLetter dl = DeadLetter.of(source, DeadLetter.EVENT, where(item) + " " + current.maHoSo(),
                        v.rejections(), json, json.length);
                row.eventRows.add(outcomes.add(item.index(), item.line(), derived.eventId(), false, v.rejections(),
                        guard.send(() -> deadLetters.send(dl))));
            }
        }
        row.events = row.eventRows.size();
        row.replacesPrevious = previous == null || row.events > 0;
        if (row.replacesPrevious) {
            latestInRequest.put(current.maHoSo(), current);
        }
        snapshots.add(row);
    }

    private String where(RawItem item) {
        return origin + " snapshot " + item.index() + " (line " + item.line() + ")";
    }

    private static NationalSnapshot parse(RawItem item) {
        if (item.problem() != null) {
            throw new SyncFormatException(null, item.problem());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(item.bytes())).toString();
        } catch (CharacterCodingException e) {
            throw new SyncFormatException(null, "not valid UTF-8");
        }
        try {
            return NationalSnapshot.parse(text);
        } catch (SyncFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SyncFormatException(null, "unreadable snapshot: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    /**
     * After {@link Outcomes#await}: stores the snapshots whose events are all stored, in order, and
     * sets each snapshot's status. A dossier whose earlier snapshot in this request was not stored
     * keeps its old latest snapshot, so that nothing in between is skipped when it is sent again.
     */
    void storeSnapshots(long deadlineNanos) throws InterruptedException {
        Set<String> broken = new HashSet<>();
        List<SnapshotRow> storing = new ArrayList<>();
        List<CompletableFuture<Void>> puts = new ArrayList<>();
        for (SnapshotRow s : snapshots) {
            if (s.rejection != null) {
                s.status = s.rejection.status;
                continue;
            }
            boolean allStored = !broken.contains(s.dossierId)
                    && s.eventRows.stream().noneMatch(r -> Outcomes.NOT_STORED.equals(r.status));
            if (!allStored) {
                broken.add(s.dossierId);
                s.status = Outcomes.NOT_STORED;
                continue;
            }
            if (!s.replacesPrevious) {
                s.status = UNCHANGED;
                continue;
            }
            storing.add(s);
            puts.add(guard.send(() -> store.put(s.snapshot)));
        }
        for (int i = 0; i < storing.size(); i++) {
            storing.get(i).status = Outcomes.awaitStored(puts.get(i), deadlineNanos) == null ? STORED : Outcomes.NOT_STORED;
        }
    }

    List<SnapshotRow> snapshots() {
        return snapshots;
    }

    int notStoredSnapshots() {
        return (int) snapshots.stream().filter(s -> Outcomes.NOT_STORED.equals(s.status)).count();
    }
}
