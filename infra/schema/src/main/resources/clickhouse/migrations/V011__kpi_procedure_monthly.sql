-- kpi_procedure_monthly: kpi_procedure_daily summed per month, kept by the job beside it (the same
-- changes, keyed by the month's first day). The open dossiers per procedure at the end of a period
-- are the sum of open_delta over every day up to its last: for a province, millions of rows of
-- kpi_procedure_daily (80 ms), about 130,000 here. A breakdown reads whole months here and
-- the days of a partly covered month in kpi_procedure_daily. version counts the changes applied, as in
-- kpi_daily. The job must replay the topic to fill it (its monthly totals are state, as the days' are).
CREATE TABLE IF NOT EXISTS kpi_procedure_monthly
(
    unit_code                  LowCardinality(String),
    procedure_code             LowCardinality(String),
    month                      Date,
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
ORDER BY (unit_code, procedure_code, month);
