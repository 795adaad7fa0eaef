package vn.ioc.analytics.rows;

import vn.ioc.domain.kpi.KpiCounts;

import java.time.LocalDate;

/**
 * The whole row of {@code kpi_daily} for one unit and day. {@code version} is the number of changes
 * applied to it, the same at the end of any run over the same topic, so ClickHouse keeps the final one.
 */
public record KpiDailyRow(String unitCode, LocalDate day, KpiCounts counts, long version) {
}
