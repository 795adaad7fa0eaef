package vn.ioc.analytics.kpi;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import vn.ioc.analytics.rows.AlertChange;
import vn.ioc.analytics.rows.DayDelta;
import vn.ioc.analytics.rows.KpiChange;
import vn.ioc.domain.kpi.KpiCounts;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The combiner in Flink's operator harness: what it sums, and when it lets go. */
class DeltaCombinerTest {

    private static final KpiCounts ONE_RECEIVED = new KpiCounts(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final KpiCounts ONE_EARLY = new KpiCounts(0, 1, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static OneInputStreamOperatorTestHarness<DayDelta, KpiChange> harness() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new DeltaCombiner<DayDelta, KpiChange>(KpiChange::of, 100, 3));
        h.open();
        return h;
    }

    private static List<KpiChange> emitted(OneInputStreamOperatorTestHarness<DayDelta, KpiChange> h) {
        return h.extractOutputValues();
    }

    @Test
    void sumsDeltasOfTheSameUnitAndDayAndCountsThem() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(new DayDelta("A", 10, ONE_RECEIVED)));
            h.processElement(new StreamRecord<>(new DayDelta("A", 10, ONE_EARLY)));
            h.processElement(new StreamRecord<>(new DayDelta("B", 10, ONE_RECEIVED)));
            assertThat(emitted(h)).isEmpty();

            h.prepareSnapshotPreBarrier(1);

            assertThat(emitted(h)).containsExactly(
                    new KpiChange("A", 10, ONE_RECEIVED.plus(ONE_EARLY), 2),
                    new KpiChange("B", 10, ONE_RECEIVED, 1));
        }
    }

    @Test
    void aChangeThatCancelsOutStillCountsItsDeltas() throws Exception {
        KpiCounts minusOne = KpiCounts.ZERO.minus(ONE_RECEIVED);
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(new DayDelta("A", 10, ONE_RECEIVED)));
            h.processElement(new StreamRecord<>(new DayDelta("A", 10, minusOne)));
            h.prepareSnapshotPreBarrier(1);
            assertThat(emitted(h)).containsExactly(new KpiChange("A", 10, KpiCounts.ZERO, 2));
        }
    }

    @Test
    void letsGoOnItsTimerWhenTheMapIsFullAndAtTheEnd() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(new DayDelta("A", 1, ONE_RECEIVED)));
            h.setProcessingTime(99);
            assertThat(emitted(h)).isEmpty();
            h.setProcessingTime(100);
            assertThat(emitted(h)).hasSize(1);

            h.processElement(new StreamRecord<>(new DayDelta("A", 2, ONE_RECEIVED)));
            h.processElement(new StreamRecord<>(new DayDelta("A", 3, ONE_RECEIVED)));
            assertThat(emitted(h)).hasSize(1);
            h.processElement(new StreamRecord<>(new DayDelta("A", 4, ONE_RECEIVED)));
            assertThat(emitted(h)).hasSize(4); // three keys: full

            h.processElement(new StreamRecord<>(new DayDelta("A", 5, ONE_RECEIVED)));
            h.endInput();
            h.close();
            assertThat(emitted(h)).hasSize(5);
        }
    }

    @Test
    void sumsAlertChangesPerUnitPairKindAndDay() throws Exception {
        var combiner = new DeltaCombiner<AlertChange, AlertChange>(c -> c, 100, 10);
        try (var h = new OneInputStreamOperatorTestHarness<>(combiner)) {
            h.open();
            h.processElement(new StreamRecord<>(new AlertChange("A", "A", "OVERDUE", 10, 1, 0, 1)));
            h.processElement(new StreamRecord<>(new AlertChange("A", "B", "OVERDUE", 10, 1, 0, 1)));
            h.processElement(new StreamRecord<>(new AlertChange("A", "A", "OVERDUE", 10, 0, 1, 1)));
            h.processElement(new StreamRecord<>(new AlertChange("A", "A", "AT_RISK", 10, 1, 0, 1)));
            h.prepareSnapshotPreBarrier(1);
            assertThat(h.extractOutputValues()).containsExactly(
                    new AlertChange("A", "A", "OVERDUE", 10, 1, 1, 2),
                    new AlertChange("A", "B", "OVERDUE", 10, 1, 0, 1),
                    new AlertChange("A", "A", "AT_RISK", 10, 1, 0, 1));
        }
    }
}
