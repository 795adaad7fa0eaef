package vn.ioc.analytics.rows;

import vn.ioc.domain.kpi.KpiCounts;

import java.time.LocalDate;

/**
 * The whole row of {@code kpi_daily} for one unit and day. {@code version} is the number of changes
 * applied to it, the same at the end of any run over the same topic, so ClickHouse keeps the final
 * one. The day is an epoch day, for Flink's POJO serializer.
 */
public record KpiDailyRow(String unitCode, long epochDay, KpiCounts counts, long version) {

    public LocalDate day() {
        return LocalDate.ofEpochDay(epochDay);
    }
}
