package vn.ioc.analytics.kpi;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.function.SerializableFunction;
import vn.ioc.analytics.rows.Combinable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums the changes of one subtask per aggregate row (a unit's day, a unit pair's alert kind on a
 * day) before they cross the network to the daily aggregate: a province has a few thousand such
 * rows against millions of changes, so a replay sends and applies a fraction of the messages.
 * Nothing is kept in state: the sums are emitted on a short timer (so live data stays fresh), when
 * the map is full, and before every checkpoint barrier, so a checkpoint never covers a change the
 * aggregate has not received.
 *
 * @param <I> what arrives (a dossier's day delta)
 * @param <C> the change it is summed as
 */
public final class DeltaCombiner<I, C extends Combinable<C>> extends AbstractStreamOperator<C>
        implements OneInputStreamOperator<I, C> {

    private final SerializableFunction<I, C> asChange;
    private final long flushIntervalMs;
    private final int maxKeys;
    private transient Map<String, C> pending;

    public DeltaCombiner(SerializableFunction<I, C> asChange, long flushIntervalMs, int maxKeys) {
        this.asChange = asChange;
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
    public void processElement(StreamRecord<I> element) throws Exception {
        C change = asChange.apply(element.getValue());
        pending.merge(change.aggregateKey(), change, Combinable::plus);
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
        for (C change : pending.values()) {
            output.collect(new StreamRecord<>(change));
        }
        pending.clear();
    }
}
