package vn.ioc.analytics.kpi;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.ioc.analytics.rows.DayDelta;
import vn.ioc.analytics.rows.KpiDailyRow;
import vn.ioc.domain.kpi.KpiCounts;

/**
 * Sums the deltas of one (unit, day) and emits the whole row after each change. Writing totals,
 * never deltas, is what makes the store idempotent: a row written twice is the same row.
 */
public final class DailyKpiAggregator extends KeyedProcessFunction<String, DayDelta, KpiDailyRow> {

    private transient ValueState<KpiCounts> total;
    private transient ValueState<Long> version;

    @Override
    public void open(OpenContext openContext) {
        total = getRuntimeContext().getState(new ValueStateDescriptor<>("total", Types.POJO(KpiCounts.class)));
        version = getRuntimeContext().getState(new ValueStateDescriptor<>("version", Types.LONG));
    }

    @Override
    public void processElement(DayDelta delta, Context ctx, Collector<KpiDailyRow> out) throws Exception {
        KpiCounts sum = (total.value() == null ? KpiCounts.ZERO : total.value()).plus(delta.delta());
        long v = version.value() == null ? 1 : version.value() + 1;
        total.update(sum);
        version.update(v);
        out.collect(new KpiDailyRow(delta.unitCode(), delta.epochDay(), sum, v));
    }
}
