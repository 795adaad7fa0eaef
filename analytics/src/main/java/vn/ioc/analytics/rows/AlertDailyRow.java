package vn.ioc.analytics.rows;

/**
 * The whole row of {@code alert_daily} for one (receiving unit, current unit, kind, local day):
 * episodes raised and resolved that day. {@code version} is the number of changes applied, the same
 * at the end of any run over the same topic.
 */
public record AlertDailyRow(String unitCode, String currentUnitCode, String kind, long epochDay, long raised,
                            long resolved, long version) {
}
