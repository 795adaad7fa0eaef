package vn.ioc.analytics.sink;

import java.io.Serializable;

/**
 * When a sink's timer tick sends its buffer to ClickHouse. Every insert becomes a part that the
 * server merges later, and over a replay the merges cost more than the inserts (2 M events sent as
 * 8,000 inserts made ClickHouse rewrite 73 M rows). So the buffer leaves on every tick only while
 * rows arrive at a live rate; while they pour in (a replay, a job catching up after a stop) it grows
 * for up to {@code catchUpIntervalMs}: fewer, bigger parts, at a freshness the backlog sets anyway.
 *
 * <p>A sink sees only its own rows, and tables get very different shares of the event stream (one
 * dossier in a hundred events ends late, every event is a row of {@code events}), so each sink's
 * threshold is the one event rate, {@link #CATCH_UP_EVENTS_PER_SECOND}, times its table's rows per
 * event: all sinks of the job then agree on when it is catching up. A share that is off for some
 * province only moves that table's batches between a tick and ten ticks, never a count.
 *
 * @param flushIntervalMs    the tick (the writer's timer): how long a live row waits at most before it is sent
 * @param catchUpRowsPerSecond the sink's arrival rate above which it is catching up
 * @param catchUpIntervalMs  how long the buffer may grow while catching up
 */
public record FlushPolicy(long flushIntervalMs, long catchUpRowsPerSecond, long catchUpIntervalMs)
        implements Serializable {

    /**
     * The event rate above which the job is catching up: well above any province's live rate (a large
     * province sends a few events a second, the live benchmark 2,000), well below a replay's.
     */
    public static final long CATCH_UP_EVENTS_PER_SECOND = 5_000;

    /**
     * The job's policy for a tick of {@code flushIntervalMs} and a table that gets {@code rowsPerEvent}
     * rows per event on average: catching up lets the buffer grow ten ticks.
     */
    public static FlushPolicy ofTick(long flushIntervalMs, double rowsPerEvent) {
        if (!(rowsPerEvent > 0)) {
            throw new IllegalArgumentException("rows per event must be positive, got " + rowsPerEvent);
        }
        long threshold = Math.max(1, Math.round(CATCH_UP_EVENTS_PER_SECOND * rowsPerEvent));
        return new FlushPolicy(flushIntervalMs, threshold, 10 * flushIntervalMs);
    }

    /**
     * Whether a tick sends the buffer now.
     *
     * @param bufferedRows     rows waiting
     * @param msSinceLastFlush since the buffer last left (the rows have arrived within it)
     * @param insertUnderWay   the previous batch is still on its way: ClickHouse is the slower side, so
     *                         the buffer grows into a bigger batch (a full buffer leaves on its own)
     */
    public boolean flushOnTick(int bufferedRows, long msSinceLastFlush, boolean insertUnderWay) {
        if (bufferedRows == 0 || insertUnderWay) {
            return false;
        }
        boolean catchingUp = bufferedRows * 1000L >= catchUpRowsPerSecond * Math.max(msSinceLastFlush, 1);
        return !catchingUp || msSinceLastFlush >= catchUpIntervalMs;
    }
}
