package vn.ioc.dashboard.bench;

import java.util.List;

/**
 * {@code alert_transitions} and {@code alert_daily} computed inside ClickHouse from the episodes in
 * {@code alerts}: the rows the analytics job writes for the same episodes (the job's row versions
 * aside). For data put into {@code alerts} without the job, as the benchmark's generated province
 * does; the job itself keeps both tables as it goes.
 */
public final class DerivedAlertTables {

    private DerivedAlertTables() {
    }

    /** The statements, in order: both tables emptied, then filled from the episodes that hold. */
    public static List<String> statements() {
        String episode = "dossier_id, kind, raised_at, resolved_at, due_at, unit_code, current_unit_code, procedure_code, version, 0";
        return List.of(
                "TRUNCATE TABLE IF EXISTS alert_transitions",
                "TRUNCATE TABLE IF EXISTS alert_daily",
                """
                INSERT INTO alert_transitions (at, change, dossier_id, kind, raised_at, resolved_at, due_at, unit_code,
                                               current_unit_code, procedure_code, version, is_deleted)
                SELECT raised_at, 1, %1$s FROM alerts FINAL WHERE is_deleted = 0
                UNION ALL
                SELECT assumeNotNull(resolved_at), -1, %1$s FROM alerts FINAL WHERE is_deleted = 0 AND resolved_at IS NOT NULL
                """.formatted(episode),
                """
                INSERT INTO alert_daily (unit_code, current_unit_code, kind, day, raised, resolved, version)
                SELECT unit_code, current_unit_code, kind, toDate(at), countIf(change = 1), countIf(change = -1), 1
                FROM alert_transitions FINAL
                WHERE is_deleted = 0
                GROUP BY unit_code, current_unit_code, kind, toDate(at)
                """);
    }
}
