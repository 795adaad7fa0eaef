package vn.ioc.analytics.sink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When a sink's tick sends its buffer: every tick at a live rate, every ten ticks while catching up, the
 * rate judged against the table's share of the event stream.
 */
class FlushPolicyTest {

    private final FlushPolicy policy = FlushPolicy.ofTick(200, 1.0); // catching up from 5,000 rows/s, for up to 2 s

    @Test
    void liveRowsLeaveOnEveryTick() {
        assertThat(policy.flushOnTick(1, 200, false)).isTrue();
        assertThat(policy.flushOnTick(400, 200, false)).isTrue();   // 2,000 rows/s: the live benchmark's rate
        assertThat(policy.flushOnTick(999, 200, false)).isTrue();   // just under 5,000 rows/s
    }

    @Test
    void aPouringStreamGrowsIntoABatchOfUpToTenTicks() {
        assertThat(policy.flushOnTick(1_000, 200, false)).isFalse(); // 5,000 rows/s: catching up
        assertThat(policy.flushOnTick(10_000, 1_000, false)).isFalse();
        assertThat(policy.flushOnTick(19_999, 1_999, false)).isFalse();
        assertThat(policy.flushOnTick(20_000, 2_000, false)).isTrue(); // the catch-up interval is up
        assertThat(policy.flushOnTick(50_000, 2_400, false)).isTrue();
    }

    @Test
    void aStreamThatSlowsDownIsSentAtOnce() {
        // 3,000 rows over 1.2 s is 2,500 rows/s: no longer catching up, so no reason to wait
        assertThat(policy.flushOnTick(3_000, 1_200, false)).isTrue();
    }

    @Test
    void nothingLeavesWhileTheBufferIsEmptyOrAnInsertIsUnderWay() {
        assertThat(policy.flushOnTick(0, 5_000, false)).isFalse();
        assertThat(policy.flushOnTick(10, 200, true)).isFalse();
        assertThat(policy.flushOnTick(30_000, 3_000, true)).isFalse();
    }

    @Test
    void aTickRightAfterAFlushDoesNotDivideByZero() {
        assertThat(policy.flushOnTick(3, 0, false)).isTrue();      // 3 rows in under a millisecond: 3,000/s
        assertThat(policy.flushOnTick(10, 0, false)).isFalse();    // 10,000/s: catching up
    }

    @Test
    void aTableWithFewRowsPerEventCatchesUpWithTheEventStream() {
        // one row per hundred events: 5,000 events/s is 50 rows/s for this table
        FlushPolicy sparse = FlushPolicy.ofTick(200, 0.01);
        assertThat(sparse.catchUpRowsPerSecond()).isEqualTo(50);
        assertThat(sparse.flushOnTick(4, 200, false)).isTrue();     // 20 rows/s: 2,000 events/s, live
        assertThat(sparse.flushOnTick(20, 200, false)).isFalse();   // 100 rows/s: a replay's 10,000 events/s
        assertThat(sparse.flushOnTick(200, 2_000, false)).isTrue(); // ten ticks: it leaves all the same
        // the table of every event would have sent its rows on every one of those ticks
        assertThat(policy.flushOnTick(20, 200, false)).isTrue();
    }

    @Test
    void aShareOfNoRowsIsRefused() {
        assertThatThrownBy(() -> FlushPolicy.ofTick(200, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlushPolicy.ofTick(200, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
