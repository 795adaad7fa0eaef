-- Dead letters an operator replayed after fixing their cause (the ingest's dead-letter command
-- writes a marker to the dead-letter topic; the analytics job copies markers here). A dead letter is
-- pending while it has no row here.
CREATE TABLE IF NOT EXISTS dead_letter_replays
(
    source         LowCardinality(String),
    dead_letter_id String,
    event_id       String,
    reason_code    LowCardinality(String),
    replayed_at    DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree
ORDER BY (source, dead_letter_id);
