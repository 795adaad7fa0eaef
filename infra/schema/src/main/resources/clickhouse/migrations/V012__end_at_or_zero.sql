-- The late lists ask for the dossiers that ended in a period. The min-max index on end_at (V005)
-- skipped nothing: end_at is NULL for a dossier still open, and a granule holding one such dossier
-- (any granule with a dossier stuck open for months) has no upper bound, so it matches every
-- period. end_at_or_zero is end_at with 1970-01-01 for "not ended", never NULL: its min-max index
-- leaves out the granules that ended nothing in the period (a province's quarter: 158 of 1,225
-- granules instead of all of them). "end_at_or_zero >= start" is true exactly for the dossiers that
-- ended at or after a start later than 1970. MATERIALIZED: computed on insert, the writers do not change.
ALTER TABLE dossiers ADD COLUMN IF NOT EXISTS end_at_or_zero DateTime64(3, 'Asia/Ho_Chi_Minh')
    MATERIALIZED ifNull(end_at, toDateTime64(0, 3, 'Asia/Ho_Chi_Minh'));
ALTER TABLE dossiers ADD INDEX IF NOT EXISTS idx_end_at_or_zero end_at_or_zero TYPE minmax GRANULARITY 1;
ALTER TABLE dossiers MATERIALIZE COLUMN end_at_or_zero;
ALTER TABLE dossiers MATERIALIZE INDEX idx_end_at_or_zero;
