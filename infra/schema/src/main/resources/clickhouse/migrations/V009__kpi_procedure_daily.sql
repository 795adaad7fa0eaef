-- kpi_procedure_daily: the counts of kpi_daily one level finer, per receiving unit, procedure and
-- local day. A report's breakdown by procedure (received, ended by class, withdrawn in a period, open
-- at its end) read the dossiers of the unit's subtree that were open at some point of the period:
-- for a province's quarter, millions of rows through FINAL. It is now a sum over this table, as the
-- unit's own KPIs are over kpi_daily; open_delta and overdue_delta are day-deltas as there, so the
-- open dossiers at the end of a period are the sum of the deltas up to its last day. A dossier counts
-- under the procedure it has; when a late event changes that, the job moves its contributions.
-- version counts the changes applied, as in kpi_daily, so every run over the same topic ends with
-- the same rows.
CREATE TABLE IF NOT EXISTS kpi_procedure_daily
(
    unit_code                  LowCardinality(String),
    procedure_code             LowCardinality(String),
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
ORDER BY (unit_code, procedure_code, day);
