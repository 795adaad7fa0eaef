package vn.ioc.analytics.rows;

/**
 * One alert episode of a dossier as stored in {@code alerts} (instants as epoch milliseconds, -1
 * when absent). {@code deleted} marks an episode that a later event made disappear. The dossier's
 * receipt time and supplement requests ride along, so that a late list is one query.
 */
public record AlertRow(String dossierId, String kind, long raisedAt, long resolvedAt, long dueAt, long receivedAt,
                       int supplementRequests, String unitCode, String currentUnitCode, String procedureCode, long version,
                       boolean deleted) {

    public String key() {
        return dossierId + '|' + kind + '|' + raisedAt;
    }

    /** Same identity as {@link #key()}, compared without building the keys. */
    public boolean sameEpisode(AlertRow o) {
        return raisedAt == o.raisedAt && kind.equals(o.kind) && dossierId.equals(o.dossierId);
    }

    public AlertRow asDeleted(long newVersion) {
        return new AlertRow(dossierId, kind, raisedAt, resolvedAt, dueAt, receivedAt, supplementRequests, unitCode,
                currentUnitCode, procedureCode, newVersion, true);
    }

    /** Same episode content, whatever the version. */
    public boolean sameContent(AlertRow o) {
        return sameEpisode(o) && resolvedAt == o.resolvedAt && dueAt == o.dueAt && deleted == o.deleted
                && receivedAt == o.receivedAt && supplementRequests == o.supplementRequests
                && unitCode.equals(o.unitCode) && currentUnitCode.equals(o.currentUnitCode)
                && procedureCode.equals(o.procedureCode);
    }
}
