package vn.ioc.analytics.rows;

import vn.ioc.domain.kpi.KpiCounts;

/**
 * The sum of {@code changes} day deltas of one unit and day, as they travel to the daily aggregate.
 * The aggregate counts {@code changes}, not the messages it receives, so its row version is the
 * number of deltas applied whatever way they were batched.
 */
public record KpiChange(String unitCode, long epochDay, KpiCounts delta, long changes) implements Combinable<KpiChange> {

    public static KpiChange of(DayDelta d) {
        return new KpiChange(d.unitCode(), d.epochDay(), d.delta(), 1);
    }

    @Override
    public String aggregateKey() {
        return unitCode + '|' + epochDay;
    }

    @Override
    public KpiChange plus(KpiChange o) {
        return new KpiChange(unitCode, epochDay, delta.plus(o.delta), changes + o.changes);
    }
}
