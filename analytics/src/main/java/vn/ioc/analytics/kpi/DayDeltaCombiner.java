package vn.ioc.analytics.kpi;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import vn.ioc.analytics.rows.DayDelta;
import vn.ioc.analytics.rows.KpiChange;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums the day deltas of one subtask per (unit, day) before they cross the network to the daily
 * aggregate: a province has a few thousand (unit, day) keys against millions of deltas, so a replay
 * sends and applies a fraction of the messages. Nothing is kept in state: the sums are emitted on a
 * short timer (so live data stays fresh), when the map is full, and before every checkpoint barrier,
 * so a checkpoint never covers a delta the aggregate has not received.
 */
public final class DayDeltaCombiner extends AbstractStreamOperator<KpiChange>
        implements OneInputStreamOperator<DayDelta, KpiChange> {

    private final long flushIntervalMs;
    private final int maxKeys;
    private transient Map<String, KpiChange> pending;

    public DayDeltaCombiner(long flushIntervalMs, int maxKeys) {
        this.flushIntervalMs = flushIntervalMs;
        this.maxKeys = maxKeys;
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new LinkedHashMap<>();
        scheduleFlush();
    }

    private void scheduleFlush() {
        var time = getProcessingTimeService();
        time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMs, now -> {
            emitAll();
            scheduleFlush();
        });
    }

    @Override
    public void processElement(StreamRecord<DayDelta> element) {
        DayDelta d = element.getValue();
        String key = d.aggregateKey();
        KpiChange before = pending.get(key);
        pending.put(key, before == null
                ? new KpiChange(d.unitCode(), d.epochDay(), d.delta(), 1)
                : new KpiChange(d.unitCode(), d.epochDay(), before.delta().plus(d.delta()), before.changes() + 1));
        if (pending.size() >= maxKeys) {
            emitAll();
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        emitAll();
    }

    @Override
    public void finish() throws Exception {
        emitAll();
        super.finish();
    }

    private void emitAll() {
        for (KpiChange change : pending.values()) {
            output.collect(new StreamRecord<>(change));
        }
        pending.clear();
    }
}
