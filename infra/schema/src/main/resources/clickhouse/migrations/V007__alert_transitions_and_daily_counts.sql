-- The alert ticker asks how many episodes are active now, and which were raised last. Counted from
-- `alerts` (ordered by dossier, so that one dossier's or one unit's episodes are near each other),
-- both read every episode ever raised. Two tables the job keeps beside it answer them instead:
--
-- alert_transitions: each episode's raise (change = +1, at = raised_at) and, once resolved, its
-- resolution (change = -1, at = resolved_at), ordered by time. The episode's columns ride along, so
-- the newest raised episodes, and the changes since a day began, are a short range of the primary
-- key. Not partitioned: a replay writes transitions of every month in each insert, and a part per
-- month and insert would keep the server merging. A transition that a later event moves or
-- removes (a resolution found earlier, an episode that disappears) is written again with
-- is_deleted = 1, as in `alerts`.
CREATE TABLE IF NOT EXISTS alert_transitions
(
    at                DateTime64(3, 'Asia/Ho_Chi_Minh'),
    change            Int8,
    dossier_id        String,
    kind              LowCardinality(String),
    raised_at         DateTime64(3, 'Asia/Ho_Chi_Minh'),
    resolved_at       Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    due_at            Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    unit_code         LowCardinality(String),
    current_unit_code LowCardinality(String),
    procedure_code    LowCardinality(String),
    version           UInt64,
    is_deleted        UInt8,
    listed_units      Array(LowCardinality(String)) MATERIALIZED arrayDistinct([unit_code, current_unit_code])
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (at, dossier_id, kind, raised_at, change);

-- alert_daily: per receiving unit, current unit, kind and local day, how many episodes were raised
-- and how many resolved that day. Episodes active at the end of day D are the sum of raised -
-- resolved over the days up to D; at an instant of day D, the transitions of D up to that instant
-- are added to the days before it. `version` counts the changes applied, as in kpi_daily, so every
-- run over the same topic ends with the same rows. Keyed by both units because an episode is listed
-- under the unit that received the dossier and the unit holding it now: a subtree counts it once.
CREATE TABLE IF NOT EXISTS alert_daily
(
    unit_code         LowCardinality(String),
    current_unit_code LowCardinality(String),
    kind              LowCardinality(String),
    day               Date,
    raised            Int64,
    resolved          Int64,
    version           UInt64,
    listed_units      Array(LowCardinality(String)) MATERIALIZED arrayDistinct([unit_code, current_unit_code])
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(day)
ORDER BY (unit_code, current_unit_code, kind, day);
