package vn.ioc.analytics.rows;

import vn.ioc.domain.kpi.KpiCounts;

/**
 * The whole row of {@code kpi_procedure_daily} for one unit, procedure and day, or of
 * {@code kpi_procedure_monthly} for one unit, procedure and month ({@code epochDay} is then the
 * month's first day); {@code version} is the number of changes applied to it, as in {@link KpiDailyRow}.
 */
public record KpiProcedureRow(String unitCode, String procedureCode, long epochDay, KpiCounts counts, long version) {

    /** The row after {@code change}: its counts added, its version counting the change's deltas. */
    public static KpiProcedureRow after(KpiProcedureRow before, KpiProcedureChange change) {
        return before == null
                ? new KpiProcedureRow(change.unitCode(), change.procedureCode(), change.epochDay(),
                        KpiCounts.ZERO.plus(change.delta()), change.changes())
                : new KpiProcedureRow(before.unitCode, before.procedureCode, before.epochDay,
                        before.counts.plus(change.delta()), before.version + change.changes());
    }
}
