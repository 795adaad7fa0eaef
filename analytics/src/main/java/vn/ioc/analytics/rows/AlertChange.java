package vn.ioc.analytics.rows;

/**
 * A change to the alert counts of one (receiving unit, current unit, kind, local day): episodes
 * raised and resolved that day, as they travel to the daily aggregate. {@code changes} counts the
 * deltas summed into it, so the aggregate's row version is the same however they were batched.
 */
public record AlertChange(String unitCode, String currentUnitCode, String kind, long epochDay, long raised,
                          long resolved, long changes) implements Combinable<AlertChange> {

    @Override
    public String aggregateKey() {
        return unitCode + '|' + currentUnitCode + '|' + kind + '|' + epochDay;
    }

    @Override
    public AlertChange plus(AlertChange o) {
        return new AlertChange(unitCode, currentUnitCode, kind, epochDay, raised + o.raised, resolved + o.resolved,
                changes + o.changes);
    }
}
