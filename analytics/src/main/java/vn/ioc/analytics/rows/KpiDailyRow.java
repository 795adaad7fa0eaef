package vn.ioc.analytics.rows;

import vn.ioc.domain.kpi.KpiCounts;

import java.time.LocalDate;

/**
 * The whole row of {@code kpi_daily} for one unit and day. {@code version} is the number of changes
 * applied to it, the same at the end of any run over the same topic, so ClickHouse keeps the final
 * one. The day is an epoch day, for Flink's POJO serializer.
 */
public record KpiDailyRow(String unitCode, long epochDay, KpiCounts counts, long version) {

    /** The row after {@code change}: its counts added, its version counting the change's deltas. */
    public static KpiDailyRow after(KpiDailyRow before, KpiChange change) {
        return before == null
                ? new KpiDailyRow(change.unitCode(), change.epochDay(), KpiCounts.ZERO.plus(change.delta()), change.changes())
                : new KpiDailyRow(before.unitCode, before.epochDay, before.counts.plus(change.delta()),
                        before.version + change.changes());
    }

    public LocalDate day() {
        return LocalDate.ofEpochDay(epochDay);
    }
}
