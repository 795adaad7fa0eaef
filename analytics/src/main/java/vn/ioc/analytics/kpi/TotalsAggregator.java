package vn.ioc.analytics.kpi;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.io.Serializable;

/**
 * Adds the changes of one aggregate row (a unit's day in kpi_daily, a unit's procedure in a day or a
 * month in kpi_procedure_daily or kpi_procedure_monthly, a unit pair's alert kind on a
 * day in alert_daily) and emits the whole row after each. Writing totals, never deltas, is what makes
 * the store idempotent: a row written twice is the same row, and its version (the changes applied)
 * is the same at the end of any run.
 *
 * @param <C> a change, summed by {@link DeltaCombiner}
 * @param <R> the row as stored
 */
public final class TotalsAggregator<C, R> extends KeyedProcessFunction<String, C, R> implements ResultTypeQueryable<R> {

    /** The row after {@code change}; {@code before} is null for the first change of the row. */
    @FunctionalInterface
    public interface Apply<C, R> extends Serializable {
        R after(R before, C change);
    }

    private final Class<R> rowType;
    private final Apply<C, R> apply;
    /** The row as last emitted: the totals and how many changes they include. */
    private transient ValueState<R> row;

    public TotalsAggregator(Class<R> rowType, Apply<C, R> apply) {
        this.rowType = rowType;
        this.apply = apply;
    }

    @Override
    public void open(OpenContext openContext) {
        row = getRuntimeContext().getState(new ValueStateDescriptor<>("row", Types.POJO(rowType)));
    }

    /** The row type, which erasure hides from Flink's type extraction. */
    @Override
    public TypeInformation<R> getProducedType() {
        return Types.POJO(rowType);
    }

    @Override
    public void processElement(C change, Context ctx, Collector<R> out) throws Exception {
        R after = apply.after(row.value(), change);
        row.update(after);
        out.collect(after);
    }
}
