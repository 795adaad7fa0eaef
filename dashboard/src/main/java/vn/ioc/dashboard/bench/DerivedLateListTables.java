package vn.ioc.dashboard.bench;

import java.util.List;

/**
 * {@code late_dossiers} and {@code alerts_by_resolution} computed inside ClickHouse from
 * {@code dossiers} and {@code alerts}: the rows the analytics job keeps for the same dossiers and
 * episodes (as migration V013 fills them once on an existing store). For data put into those tables
 * without the job, as the benchmark's generated province and the dashboard's test fixture do.
 */
public final class DerivedLateListTables {

    private DerivedLateListTables() {
    }

    /** The statements, in order: both tables emptied, then filled from the rows that hold. */
    public static List<String> statements() {
        return List.of(
                "TRUNCATE TABLE IF EXISTS late_dossiers",
                "TRUNCATE TABLE IF EXISTS alerts_by_resolution",
                """
                INSERT INTO late_dossiers (dossier_id, unit_code, current_unit_code, procedure_code, received_at,
                                           effective_due_at, end_at, end_day, supplement_requests, version, is_deleted)
                SELECT dossier_id, unit_code, current_unit_code, procedure_code, received_at, effective_due_at,
                       assumeNotNull(end_at), toDate(assumeNotNull(end_at)), supplement_requests, version, 0
                FROM dossiers FINAL
                WHERE received AND timeliness = 'LATE' AND end_at IS NOT NULL
                """,
                """
                INSERT INTO alerts_by_resolution (dossier_id, kind, raised_at, resolved_at, due_at, received_at,
                                                  supplement_requests, unit_code, current_unit_code, procedure_code,
                                                  version, is_deleted)
                SELECT dossier_id, kind, raised_at, resolved_at, due_at, received_at, supplement_requests, unit_code,
                       current_unit_code, procedure_code, version, 0
                FROM alerts FINAL
                WHERE is_deleted = 0
                """);
    }
}
