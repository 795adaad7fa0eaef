package vn.ioc.analytics.rows;

import vn.ioc.domain.kpi.KpiCounts;

/**
 * The whole row of {@code kpi_procedure_daily} for one unit, procedure and day; {@code version} is
 * the number of changes applied to it, as in {@link KpiDailyRow}.
 */
public record KpiProcedureDailyRow(String unitCode, String procedureCode, long epochDay, KpiCounts counts, long version) {

    /** The row after {@code change}: its counts added, its version counting the change's deltas. */
    public static KpiProcedureDailyRow after(KpiProcedureDailyRow before, KpiProcedureChange change) {
        return before == null
                ? new KpiProcedureDailyRow(change.unitCode(), change.procedureCode(), change.epochDay(),
                        KpiCounts.ZERO.plus(change.delta()), change.changes())
                : new KpiProcedureDailyRow(before.unitCode, before.procedureCode, before.epochDay,
                        before.counts.plus(change.delta()), before.version + change.changes());
    }
}
