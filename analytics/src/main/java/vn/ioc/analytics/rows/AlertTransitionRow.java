package vn.ioc.analytics.rows;

/**
 * One transition of an alert episode as stored in {@code alert_transitions}: its raise
 * ({@code change} +1 at {@code raisedAt}) or its resolution (-1 at {@code resolvedAt}), with the
 * episode's columns (instants as epoch milliseconds, -1 when absent). {@code deleted} marks a
 * transition that a later event moved or removed.
 */
public record AlertTransitionRow(long at, int change, String dossierId, String kind, long raisedAt, long resolvedAt,
                                 long dueAt, String unitCode, String currentUnitCode, String procedureCode,
                                 long version, boolean deleted) {

    public static final int RAISED = 1;
    public static final int RESOLVED = -1;

    /** The identity of the row in its table: its ordering key. */
    public String key() {
        return at + "|" + dossierId + '|' + kind + '|' + raisedAt + '|' + change;
    }

    public AlertTransitionRow asDeleted(long newVersion) {
        return new AlertTransitionRow(at, change, dossierId, kind, raisedAt, resolvedAt, dueAt, unitCode,
                currentUnitCode, procedureCode, newVersion, true);
    }

    /** Same content, whatever the version. */
    public boolean sameContent(AlertTransitionRow o) {
        return key().equals(o.key()) && resolvedAt == o.resolvedAt && dueAt == o.dueAt && deleted == o.deleted
                && unitCode.equals(o.unitCode) && currentUnitCode.equals(o.currentUnitCode)
                && procedureCode.equals(o.procedureCode);
    }
}
