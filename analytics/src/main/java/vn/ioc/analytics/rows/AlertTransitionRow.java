package vn.ioc.analytics.rows;

/**
 * One transition of an alert episode as stored in {@code alert_transitions}: its raise
 * ({@code change} +1 at {@code raisedAt}) or its resolution (-1 at the episode's resolution), with
 * the units it is listed under (instants as epoch milliseconds). The episode's other columns stay in
 * {@code alerts}, so a raise is not written again when its episode is resolved. {@code deleted}
 * marks a transition that a later event moved or removed.
 */
public record AlertTransitionRow(long at, int change, String dossierId, String kind, long raisedAt, String unitCode,
                                 String currentUnitCode, long version, boolean deleted) {

    public static final int RAISED = 1;
    public static final int RESOLVED = -1;

    /** The identity of the row in its table: its ordering key. */
    public String key() {
        return at + "|" + dossierId + '|' + kind + '|' + raisedAt + '|' + change;
    }

    public AlertTransitionRow asDeleted(long newVersion) {
        return new AlertTransitionRow(at, change, dossierId, kind, raisedAt, unitCode, currentUnitCode, newVersion, true);
    }

    /** Same content, whatever the version. */
    public boolean sameContent(AlertTransitionRow o) {
        return key().equals(o.key()) && deleted == o.deleted && unitCode.equals(o.unitCode)
                && currentUnitCode.equals(o.currentUnitCode);
    }
}
