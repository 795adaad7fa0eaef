package vn.ioc.ingest.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of the dead-letter topic, by reason code and by source, read from the beginning of the
 * topic and kept up to date by each {@link #refresh()}, which reads only what was added since.
 * A dead letter is pending until a replay marker says its event was published.
 *
 * <pre>
 * try (DeadLetterStats stats = DeadLetterStats.open(bootstrap, "dossier-events-dlq")) {
 *     DeadLetterStats.Counts c = stats.refresh();
 *     c.pending(); c.pendingByReason(); // e.g. {UNKNOWN_UNIT=12, BAD_TIME=3}
 * }
 * </pre>
 * Thread-safe; one instance can serve a status endpoint that calls it on every request.
 */
public final class DeadLetterStats implements AutoCloseable {

    /** How long a refresh may take before it fails (the broker is unreachable). */
    public static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(15);

    /**
     * @param total           dead letters ever written
     * @param replayed        of those, replayed since (their event is now on the events topic)
     * @param pending         total - replayed: what an operator still has to look at
     * @param byReason        dead letters by reason code
     * @param pendingByReason pending dead letters by reason code
     * @param bySource        dead letters by source
     * @param lastReceivedAt  when the newest dead letter arrived, null when there is none
     */
    public record Counts(long total, long replayed, long pending, Map<String, Long> byReason,
                         Map<String, Long> pendingByReason, Map<String, Long> bySource, Instant lastReceivedAt) {
    }

    private final DeadLetterTopic topic;
    private final Tally tally = new Tally();

    private DeadLetterStats(DeadLetterTopic topic) {
        this.topic = topic;
    }

    public static DeadLetterStats open(String bootstrapServers, String dlqTopic) {
        return new DeadLetterStats(new DeadLetterTopic(bootstrapServers, dlqTopic));
    }

    /** Reads the records added since the last call and returns the counts over the whole topic. */
    public synchronized Counts refresh() {
        topic.readToEnd(tally::add, REFRESH_TIMEOUT);
        return tally.counts();
    }

    /** The counts of a list of records, e.g. read with {@link DeadLetterTopic#readAll}. */
    public static Counts of(Iterable<DeadLetterRecord> records) {
        Tally t = new Tally();
        records.forEach(t::add);
        return t.counts();
    }

    @Override
    public synchronized void close() {
        topic.close();
    }

    private static final class Tally {
        private long total;
        private long replayed;
        private final Map<String, Long> byReason = new TreeMap<>();
        private final Map<String, Long> replayedByReason = new TreeMap<>();
        private final Map<String, Long> bySource = new TreeMap<>();
        private Instant last;

        void add(DeadLetterRecord r) {
            if (r instanceof DeadLetter d) {
                total++;
                byReason.merge(d.reasonCode(), 1L, Long::sum);
                bySource.merge(d.source(), 1L, Long::sum);
                if (last == null || d.receivedAt().isAfter(last)) {
                    last = d.receivedAt();
                }
            } else if (r instanceof ReplayMarker m) {
                replayed++;
                replayedByReason.merge(m.reasonCode(), 1L, Long::sum);
            }
        }

        private static Map<String, Long> sorted(Map<String, Long> m) {
            return Collections.unmodifiableMap(new TreeMap<>(m));
        }

        Counts counts() {
            Map<String, Long> pendingByReason = new TreeMap<>();
            byReason.forEach((code, n) -> {
                long left = n - replayedByReason.getOrDefault(code, 0L);
                if (left > 0) {
                    pendingByReason.put(code, left);
                }
            });
            return new Counts(total, replayed, total - replayed, sorted(byReason), sorted(pendingByReason), sorted(bySource), last);
        }
    }
}
