package vn.ioc.analytics.rows;

/**
 * The whole row of {@code alert_daily} for one (receiving unit, current unit, kind, local day):
 * episodes raised and resolved that day. {@code version} is the number of changes applied, the same
 * at the end of any run over the same topic.
 */
public record AlertDailyRow(String unitCode, String currentUnitCode, String kind, long epochDay, long raised,
                            long resolved, long version) {

    /** The row after {@code change}: its raises and resolutions added, its version counting the change's deltas. */
    public static AlertDailyRow after(AlertDailyRow before, AlertChange change) {
        return before == null
                ? new AlertDailyRow(change.unitCode(), change.currentUnitCode(), change.kind(), change.epochDay(),
                        change.raised(), change.resolved(), change.changes())
                : new AlertDailyRow(before.unitCode, before.currentUnitCode, before.kind, before.epochDay,
                        before.raised + change.raised(), before.resolved + change.resolved(),
                        before.version + change.changes());
    }
}
