package vn.ioc.analytics.rows;

/**
 * A dossier's latest state as stored in {@code dossiers}: flat columns (instants as epoch
 * milliseconds, -1 when absent) so Flink serializes it without reflection-heavy fallbacks.
 */
public record DossierRow(
        String dossierId,
        boolean received,
        String unitCode,
        String currentUnitCode,
        String procedureCode,
        String channel,
        long receivedAt,
        long dueAt,
        long effectiveDueAt,
        int pauseCount,
        long pausedSeconds,
        boolean pauseOpen,
        int supplementRequests,
        long endAt,
        String endKind,
        String timeliness,
        long processingWorkingSeconds,
        boolean feeRequired,
        boolean paidOnline,
        boolean electronicResult,
        boolean digitized,
        boolean reusedData,
        long apologyAt,
        long newDueAt,
        int[] ratings,
        long lastEventAt,
        int eventCount,
        long version) {

    public static final long NONE = -1L;
}
