package vn.ioc.ingest.deadletter;

import vn.ioc.domain.event.EventValidator;
import vn.ioc.domain.event.Verdict;
import vn.ioc.ingest.kafka.EventSink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Re-validates pending dead letters against the current catalogs and publishes those that now pass
 * (e.g. after an operator added a missing unit), then marks them replayed in the dead-letter topic.
 *
 * <p>A replay marker is written only after its event is acknowledged; if the run stops in between,
 * the next replay publishes that event again, which is harmless: the pipeline counts each event id
 * once. Dead letters of national-portal snapshots are not replayed here: the snapshot is diffed
 * against the dossier's previous one, so it has to be sent again by its one-stop system.
 */
public final class DeadLetterReplay {

    /**
     * @param replayed         published now and marked
     * @param stillRejected    still failing, by reason code of the new validation
     * @param alreadyReplayed  skipped: marked replayed by an earlier run
     * @param snapshots        skipped: national-portal snapshots (re-send them from their source)
     * @param notStored        passed validation but Kafka did not acknowledge the event or the marker
     */
    public record Result(int replayed, Map<String, Integer> stillRejected, int alreadyReplayed, int snapshots, int notStored) {
        public int stillRejectedTotal() {
            return stillRejected.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final EventValidator validator;
    private final EventSink events;
    private final KafkaDeadLetterSink markers;
    private final Duration ackTimeout;

    public DeadLetterReplay(EventValidator validator, EventSink events, KafkaDeadLetterSink markers, Duration ackTimeout) {
        this.validator = validator;
        this.events = events;
        this.markers = markers;
        this.ackTimeout = ackTimeout;
    }

    /**
     * @param records      the dead-letter topic, read from the beginning
     * @param reasonCode   only dead letters with this reason code; null for all
     */
    public Result run(List<DeadLetterRecord> records, String reasonCode) throws InterruptedException {
        Set<String> done = new HashSet<>();
        for (DeadLetterRecord r : records) {
            if (r instanceof ReplayMarker m) {
                done.add(m.deadLetterId());
            }
        }
        Map<String, Integer> stillRejected = new TreeMap<>();
        int already = 0;
        int snapshots = 0;
        List<DeadLetter> passing = new ArrayList<>();
        List<String> passingIds = new ArrayList<>();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (DeadLetterRecord r : records) {
            if (!(r instanceof DeadLetter d) || (reasonCode != null && !reasonCode.equals(d.reasonCode()))) {
                continue;
            }
            if (done.contains(d.id())) {
                already++;
                continue;
            }
            if (DeadLetter.NATIONAL_SNAPSHOT.equals(d.input())) {
                snapshots++;
                continue;
            }
            Verdict v = d.rawTruncated() ? null : validator.validate(d.raw());
            if (v == null || !v.accepted()) {
                String code = v == null ? "BAD_JSON" : v.rejections().get(0).code();
                stillRejected.merge(code, 1, Integer::sum);
                continue;
            }
            passing.add(d);
            passingIds.add(v.event().eventId());
            sent.add(events.send(v.event(), d.source()));
            done.add(d.id()); // the same dead letter listed twice is replayed once
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<CompletableFuture<Void>> marked = new ArrayList<>();
        int notStored = 0;
        for (int i = 0; i < passing.size(); i++) {
            if (!acknowledged(sent.get(i), deadline)) {
                notStored++;
                continue;
            }
            DeadLetter d = passing.get(i);
            marked.add(markers.markReplayed(new ReplayMarker(d.id(), d.reasonCode(), d.source(), passingIds.get(i), Instant.now())));
        }
        int replayed = 0;
        for (CompletableFuture<Void> m : marked) {
            if (acknowledged(m, deadline)) {
                replayed++;
            } else {
                notStored++;
            }
        }
        return new Result(replayed, stillRejected, already, snapshots, notStored);
    }

    private static boolean acknowledged(CompletableFuture<Void> f, long deadline) throws InterruptedException {
        try {
            f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
