package vn.ioc.analytics.sink;

/**
 * When a sink's timer tick sends its buffer to ClickHouse. Every insert becomes a part that the
 * server merges later, and over a replay the merges cost more than the inserts (2 M events sent as
 * 8,000 inserts made ClickHouse rewrite 73 M rows). So the buffer leaves on every tick only while
 * rows arrive at a live rate; while they pour in (a replay, a job catching up after a stop) it grows
 * for up to {@code catchUpIntervalMs}: fewer, bigger parts, at a freshness the backlog sets anyway.
 *
 * @param flushIntervalMs    the tick (the writer's timer): how long a live row waits at most before it is sent
 * @param catchUpRowsPerSecond the arrival rate above which the sink is catching up; well above any
 *                           province's live rate (a large province sends a few events a second, the
 *                           live benchmark 2,000), well below a replay's
 * @param catchUpIntervalMs  how long the buffer may grow while catching up
 */
public record FlushPolicy(long flushIntervalMs, long catchUpRowsPerSecond, long catchUpIntervalMs) {

    public static final long CATCH_UP_ROWS_PER_SECOND = 5_000;

    /** The job's policy for a tick of {@code flushIntervalMs}: catching up lets the buffer grow ten ticks. */
    public static FlushPolicy ofTick(long flushIntervalMs) {
        return new FlushPolicy(flushIntervalMs, CATCH_UP_ROWS_PER_SECOND, 10 * flushIntervalMs);
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
