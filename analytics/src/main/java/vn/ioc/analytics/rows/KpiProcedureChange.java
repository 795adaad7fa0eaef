package vn.ioc.analytics.rows;

import vn.ioc.domain.kpi.KpiCounts;

import java.time.LocalDate;

/**
 * A change to the counts of one unit, procedure and local day, as it travels to
 * {@code kpi_procedure_daily}: the same counts as {@link KpiChange}, one level finer. {@code changes}
 * counts the deltas summed into it, so the aggregate's row version is the same however they were
 * batched. {@link #inMonth} is the same change to the month's row of {@code kpi_procedure_monthly}.
 */
public record KpiProcedureChange(String unitCode, String procedureCode, long epochDay, KpiCounts delta, long changes)
        implements Combinable<KpiProcedureChange> {

    @Override
    public String aggregateKey() {
        return unitCode + '|' + procedureCode + '|' + epochDay;
    }

    @Override
    public KpiProcedureChange plus(KpiProcedureChange o) {
        return new KpiProcedureChange(unitCode, procedureCode, epochDay, delta.plus(o.delta), changes + o.changes);
    }

    /** The same change to its month's row: {@code epochDay} becomes the first day of the month. */
    public KpiProcedureChange inMonth() {
        long first = LocalDate.ofEpochDay(epochDay).withDayOfMonth(1).toEpochDay();
        return first == epochDay ? this : new KpiProcedureChange(unitCode, procedureCode, first, delta, changes);
    }
}
