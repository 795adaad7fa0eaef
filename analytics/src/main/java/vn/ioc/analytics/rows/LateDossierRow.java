package vn.ioc.analytics.rows;

/**
 * A received dossier that ended late, as stored in {@code late_dossiers} under the unit that
 * received it and its local end day (instants as epoch milliseconds, -1 when absent). A row with
 * {@code deleted} withdraws the dossier from that unit and day: a later event moved its end or
 * made it not late.
 */
public record LateDossierRow(String dossierId, String unitCode, String currentUnitCode, String procedureCode,
                             long receivedAt, long effectiveDueAt, long endAt, long endEpochDay, int supplementRequests,
                             long version, boolean deleted) {

    /** The row's identity in the table: its sorting key. */
    public String key() {
        return unitCode + '|' + endEpochDay + '|' + dossierId;
    }
}
