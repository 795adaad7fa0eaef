package vn.ioc.ingest.simulator;

import vn.ioc.domain.event.DossierEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Delivers the simulator's events the way real one-stop systems do: out of order within a window,
 * some of them twice, and a commune whose link drops sends nothing during the outage, then
 * everything it held in one burst when the link comes back. Pure and seeded: each event's fate
 * depends only on the seed and its id, so the same input gives the same output however it is cut
 * into batches.
 *
 * <p>Each event is released at {@code at + delay}, the delay drawn in [0, window); a duplicate gets
 * its own delay after the original's release. An event of the offline unit with {@code at} inside
 * the outage is released when the outage ends. Events leave in order of release.
 */
public final class DisorderedFeed {

    /** A unit whose link is down from {@code from} for {@code length}. */
    public record Outage(String unitCode, Instant from, Duration length) {
        public Instant until() {
            return from.plus(length);
        }

        boolean holds(DossierEvent e) {
            return unitCode.equals(e.unitCode()) && !e.at().isBefore(from) && e.at().isBefore(until());
        }
    }

    /**
     * @param shuffleWindow how far an event may be delayed behind later ones; zero keeps the order
     * @param duplicateRate the share of events sent twice, 0 to 1
     * @param outage        a unit offline for a while, or null
     * @param seed          the same seed gives the same disorder
     */
    public record Options(Duration shuffleWindow, double duplicateRate, Outage outage, long seed) {
        public Options {
            if (shuffleWindow.isNegative()) {
                throw new IllegalArgumentException("the shuffle window cannot be negative");
            }
            if (!(duplicateRate >= 0 && duplicateRate <= 1)) {
                throw new IllegalArgumentException("the duplicate rate is a share between 0 and 1, was " + duplicateRate);
            }
        }

        public static Options none() {
            return new Options(Duration.ZERO, 0, null, 0);
        }

        public boolean disorders() {
            return !shuffleWindow.isZero() || duplicateRate > 0 || outage != null;
        }
    }

    private record Held(Instant releaseAt, long seq, DossierEvent event) {
    }

    private final Options options;
    private final long windowMillis;
    private final PriorityQueue<Held> held = new PriorityQueue<>(
            Comparator.comparing(Held::releaseAt).thenComparingLong(Held::seq));
    private long seq;

    public DisorderedFeed(Options options) {
        this.options = options;
        this.windowMillis = options.shuffleWindow().toMillis();
    }

    /**
     * Takes the events generated up to {@code now} (in time order, as the simulator gives them) and
     * returns those due by {@code now}, in order of release.
     */
    public List<DossierEvent> next(List<DossierEvent> generated, Instant now) {
        for (DossierEvent e : generated) {
            SplittableRandom rnd = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + hash(e.eventId()));
            Instant release = e.at().plusMillis(delay(rnd));
            if (options.outage() != null && options.outage().holds(e)) {
                release = options.outage().until();
            }
            held.add(new Held(release, seq++, e));
            if (rnd.nextDouble() < options.duplicateRate()) {
                held.add(new Held(release.plusMillis(delay(rnd)), seq++, e));
            }
        }
        List<DossierEvent> out = new ArrayList<>();
        while (!held.isEmpty() && !held.peek().releaseAt().isAfter(now)) {
            out.add(held.poll().event());
        }
        return out;
    }

    /** Everything still held, in order of release: the end of a run. */
    public List<DossierEvent> drain() {
        List<DossierEvent> out = new ArrayList<>(held.size());
        while (!held.isEmpty()) {
            out.add(held.poll().event());
        }
        return out;
    }

    /** Events waiting for their release. */
    public int heldCount() {
        return held.size();
    }

    /** The earliest {@code at} among held events, null when none is held: a restart must regenerate from there. */
    public Instant oldestHeldAt() {
        Instant min = null;
        for (Held h : held) {
            if (min == null || h.event().at().isBefore(min)) {
                min = h.event().at();
            }
        }
        return min;
    }

    private long delay(SplittableRandom rnd) {
        return windowMillis > 0 ? rnd.nextLong(windowMillis) : 0;
    }

    /** FNV-1a over the id's characters: stable across runs and JVMs. */
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
