-- Raw accepted events, each eventId once (a repeated id is the same event).
CREATE TABLE IF NOT EXISTS events
(
    event_id       String,
    dossier_id     String,
    type           LowCardinality(String),
    at             DateTime64(3, 'Asia/Ho_Chi_Minh'),
    unit_code      LowCardinality(String),
    payload        String CODEC(ZSTD(3)),
    kafka_partition UInt32,
    kafka_offset   UInt64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (dossier_id, event_id);

-- Latest state of every dossier, one row per dossier after merges (read with FINAL).
-- version grows with every event applied to the dossier, so a replay writes the same final row.
CREATE TABLE IF NOT EXISTS dossiers
(
    dossier_id                 String,
    received                   Bool,
    unit_code                  LowCardinality(String),
    current_unit_code          LowCardinality(String),
    procedure_code             LowCardinality(String),
    channel                    LowCardinality(String),
    received_at                Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    due_at                     Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    effective_due_at           Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    pause_count                UInt16,
    paused_seconds             Int64,
    pause_open                 Bool,
    supplement_requests        UInt16,
    end_at                     Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    end_kind                   LowCardinality(String),
    timeliness                 LowCardinality(String),
    processing_working_seconds Nullable(Int64),
    fee_required               Bool,
    paid_online                Bool,
    electronic_result          Bool,
    digitized                  Bool,
    reused_data                Bool,
    apology_at                 Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    new_due_at                 Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    ratings                    Array(UInt8),
    last_event_at              DateTime64(3, 'Asia/Ho_Chi_Minh'),
    event_count                UInt32,
    version                    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY dossier_id;

-- Per unit and local day: every count of the KPI table. Flows count on the day they happen;
-- open_delta and overdue_delta are +1/-1 on the days a dossier starts/stops being open/overdue at
-- the end of the day, so openAtEnd of a period is the sum of the deltas up to its last day.
-- version counts the updates applied to the row, so the final row of any run has the same version.
CREATE TABLE IF NOT EXISTS kpi_daily
(
    unit_code                  LowCardinality(String),
    day                        Date,
    received                   Int64,
    early                      Int64,
    on_time                    Int64,
    late                       Int64,
    withdrawn                  Int64,
    open_delta                 Int64,
    overdue_delta              Int64,
    online_received            Int64,
    fee_bearing                Int64,
    paid_online                Int64,
    completed                  Int64,
    electronic_results         Int64,
    ratings                    Int64,
    satisfied                  Int64,
    rated_unsatisfied          Int64,
    digitized_received         Int64,
    reused_data_received       Int64,
    processing_working_seconds Int64,
    version                    UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(day)
ORDER BY (unit_code, day);

-- Events the pipeline could not accept, with the raw bytes and the reason; nothing is dropped.
CREATE TABLE IF NOT EXISTS dead_letters
(
    id          String,
    received_at DateTime64(3, 'Asia/Ho_Chi_Minh'),
    source      LowCardinality(String),
    reason_code LowCardinality(String),
    reason      String,
    raw         String CODEC(ZSTD(3))
)
ENGINE = ReplacingMergeTree
ORDER BY (source, id);
