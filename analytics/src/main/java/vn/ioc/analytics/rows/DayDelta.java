package vn.ioc.analytics.rows;

import vn.ioc.domain.kpi.KpiCounts;

import java.time.LocalDate;

/** A change to one unit's counts of one local day, caused by one dossier's new state. */
public record DayDelta(String unitCode, LocalDate day, KpiCounts delta) {

    public String aggregateKey() {
        return unitCode + '|' + day;
    }
}
