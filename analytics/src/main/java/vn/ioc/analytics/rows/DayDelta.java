package vn.ioc.analytics.rows;

import vn.ioc.domain.kpi.DayContribution;
import vn.ioc.domain.kpi.KpiCounts;

import java.time.LocalDate;

/**
 * Counts of one unit on one local day: a dossier's contribution, or a change to it. The day is kept
 * as an epoch day so that Flink serializes the record with its POJO serializer, without Kryo.
 */
public record DayDelta(String unitCode, long epochDay, KpiCounts delta) {

    public static DayDelta of(DayContribution c) {
        return new DayDelta(c.unitCode(), c.day().toEpochDay(), c.counts());
    }

    public LocalDate day() {
        return LocalDate.ofEpochDay(epochDay);
    }

    public String aggregateKey() {
        return unitCode + '|' + epochDay;
    }
}
