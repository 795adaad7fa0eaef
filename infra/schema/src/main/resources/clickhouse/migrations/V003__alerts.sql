-- Alert episodes per dossier (see docs/schema.md): an alert holds from raised_at until resolved_at
-- (null while it still holds). Episodes are derived from the dossier's events, so every run writes
-- the same rows; an episode a later event makes disappear is written again with is_deleted = 1.
CREATE TABLE IF NOT EXISTS alerts
(
    dossier_id        String,
    kind              LowCardinality(String),
    raised_at         DateTime64(3, 'Asia/Ho_Chi_Minh'),
    resolved_at       Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    due_at            Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    unit_code         LowCardinality(String),
    current_unit_code LowCardinality(String),
    procedure_code    LowCardinality(String),
    version           UInt64,
    is_deleted        UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (dossier_id, kind, raised_at);
