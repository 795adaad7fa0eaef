package vn.ioc.analytics.kpi;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.ioc.analytics.rows.KpiChange;
import vn.ioc.analytics.rows.KpiDailyRow;
import vn.ioc.domain.kpi.KpiCounts;

/**
 * Sums the changes of one (unit, day) and emits the whole row after each. Writing totals, never
 * deltas, is what makes the store idempotent: a row written twice is the same row.
 */
public final class DailyKpiAggregator extends KeyedProcessFunction<String, KpiChange, KpiDailyRow> {

    /** The row as last emitted: the totals and how many changes they include. */
    private transient ValueState<KpiDailyRow> row;

    @Override
    public void open(OpenContext openContext) {
        row = getRuntimeContext().getState(new ValueStateDescriptor<>("row", Types.POJO(KpiDailyRow.class)));
    }

    @Override
    public void processElement(KpiChange change, Context ctx, Collector<KpiDailyRow> out) throws Exception {
        KpiDailyRow before = row.value();
        KpiCounts sum = (before == null ? KpiCounts.ZERO : before.counts()).plus(change.delta());
        KpiDailyRow after = new KpiDailyRow(change.unitCode(), change.epochDay(), sum,
                (before == null ? 0 : before.version()) + change.changes());
        row.update(after);
        out.collect(after);
    }
}
