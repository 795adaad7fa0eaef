package vn.ioc.analytics.kpi;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.ioc.analytics.rows.AlertChange;
import vn.ioc.analytics.rows.AlertDailyRow;

/**
 * Sums the alert changes of one (receiving unit, current unit, kind, day) and emits the whole row
 * after each, as {@link DailyKpiAggregator} does for the KPIs: totals, never deltas, so a row
 * written twice is the same row.
 */
public final class DailyAlertAggregator extends KeyedProcessFunction<String, AlertChange, AlertDailyRow> {

    private transient ValueState<AlertDailyRow> row;

    @Override
    public void open(OpenContext openContext) {
        row = getRuntimeContext().getState(new ValueStateDescriptor<>("row", Types.POJO(AlertDailyRow.class)));
    }

    @Override
    public void processElement(AlertChange change, Context ctx, Collector<AlertDailyRow> out) throws Exception {
        AlertDailyRow before = row.value();
        AlertDailyRow after = before == null
                ? new AlertDailyRow(change.unitCode(), change.currentUnitCode(), change.kind(), change.epochDay(),
                        change.raised(), change.resolved(), change.changes())
                : new AlertDailyRow(before.unitCode(), before.currentUnitCode(), before.kind(), before.epochDay(),
                        before.raised() + change.raised(), before.resolved() + change.resolved(),
                        before.version() + change.changes());
        row.update(after);
        out.collect(after);
    }
}
