-- The late and at-risk list shows each episode's dossier with its receipt time and supplement
-- requests. It read the episodes, then their dossiers by id: two queries one after the other. The
-- job now writes both values on each episode row (rewriting a dossier's episodes when they change),
-- so the list is one query. Rows written before stay NULL / 0 until the job's replay rewrites them
-- (the launcher replays after this migration).
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS received_at Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')) AFTER due_at;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS supplement_requests UInt16 AFTER received_at;
