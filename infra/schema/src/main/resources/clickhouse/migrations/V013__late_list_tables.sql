-- Two copies, kept by the job beside dossiers and alerts, ordered for the late lists of a report.
-- dossiers and alerts are ordered by dossier: every granule of a province holds some dossier that
-- ended late in any quarter, and some episode active now, so both lists read and merge (FINAL) most
-- of the table (a province's quarter: 250 ms). Ordered by end month, unit and end day, and by the
-- instant an episode stops holding, the same lists read little more than their own rows (20 ms).
--
-- late_dossiers: each received dossier that ended late, once, under the unit that received it and
-- its local end day (end_day, written by the job as its daily counts have it). When a later event
-- moves its end to another day, or makes it not late, the job writes is_deleted = 1 under the old
-- key: end_day is in the sorting key (and the month in the partition), so the old row is another
-- row. days_late counts local days from the effective due date to the end, as the list shows it.
CREATE TABLE IF NOT EXISTS late_dossiers
(
    dossier_id          String,
    unit_code           LowCardinality(String),
    current_unit_code   LowCardinality(String),
    procedure_code      LowCardinality(String),
    received_at         Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    effective_due_at    Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    end_at              DateTime64(3, 'Asia/Ho_Chi_Minh'),
    end_day             Date,
    days_late           UInt32 MATERIALIZED toUInt32(ifNull(greatest(0, dateDiff('day', toDate(effective_due_at), toDate(end_at))), 0)),
    supplement_requests UInt16,
    version             UInt64,
    is_deleted          UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(end_day)
ORDER BY (unit_code, end_day, dossier_id);

-- alerts_by_resolution: the episodes of alerts ordered by the instant they stop holding
-- (resolved_or_end: resolved_at, or 2100-01-01 while unresolved), so that the episodes active at an
-- instant are the tail of the table from it. An episode resolved later is another row here: the job
-- writes is_deleted = 1 under its old resolution with the new one.
CREATE TABLE IF NOT EXISTS alerts_by_resolution
(
    dossier_id          String,
    kind                LowCardinality(String),
    raised_at           DateTime64(3, 'Asia/Ho_Chi_Minh'),
    resolved_at         Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    resolved_or_end     DateTime64(3, 'Asia/Ho_Chi_Minh')
        MATERIALIZED ifNull(resolved_at, toDateTime64('2100-01-01 00:00:00', 3, 'Asia/Ho_Chi_Minh')),
    due_at              Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    received_at         Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    supplement_requests UInt16,
    unit_code           LowCardinality(String),
    current_unit_code   LowCardinality(String),
    procedure_code      LowCardinality(String),
    version             UInt64,
    is_deleted          UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (resolved_or_end, dossier_id, kind, raised_at);

-- Filled from what the job already wrote, with the same versions: the job's next write of a dossier
-- has a higher version, so it replaces these rows (or deletes them under their old key). No replay.
INSERT INTO late_dossiers (dossier_id, unit_code, current_unit_code, procedure_code, received_at, effective_due_at,
                           end_at, end_day, supplement_requests, version, is_deleted)
SELECT dossier_id, unit_code, current_unit_code, procedure_code, received_at, effective_due_at, assumeNotNull(end_at),
       toDate(assumeNotNull(end_at)), supplement_requests, version, 0
FROM dossiers FINAL
WHERE received AND timeliness = 'LATE' AND end_at IS NOT NULL
  AND (SELECT count() FROM late_dossiers) = 0;

INSERT INTO alerts_by_resolution (dossier_id, kind, raised_at, resolved_at, due_at, received_at, supplement_requests,
                                  unit_code, current_unit_code, procedure_code, version, is_deleted)
SELECT dossier_id, kind, raised_at, resolved_at, due_at, received_at, supplement_requests, unit_code,
       current_unit_code, procedure_code, version, 0
FROM alerts FINAL
WHERE is_deleted = 0
  AND (SELECT count() FROM alerts_by_resolution) = 0;

-- The ended-late list reads late_dossiers now: the never-NULL copy of end_at (V012) and its index,
-- kept for that list alone, only cost space and merge time.
ALTER TABLE dossiers DROP INDEX IF EXISTS idx_end_at_or_zero;
ALTER TABLE dossiers DROP COLUMN IF EXISTS end_at_or_zero;
