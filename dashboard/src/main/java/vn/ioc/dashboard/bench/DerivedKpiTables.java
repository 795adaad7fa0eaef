package vn.ioc.dashboard.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code kpi_daily} and {@code kpi_procedure_daily} computed inside ClickHouse from the rows of
 * {@code dossiers}, and {@code kpi_procedure_monthly} from {@code kpi_procedure_daily}, for data put
 * there without the analytics job, as the benchmark's generated province and the dashboard's test
 * fixture are; the job keeps these tables as it goes.
 *
 * <p>Flows count on their local day: received, online, fee-bearing and paid online on the receipt
 * day; early, on time, late, withdrawn, completed (COMPLETED or RETURNED) and electronic results on
 * the end day. Open is +1 on the receipt day and -1 on the end day; overdue +1 on the day after the
 * effective due date, and -1 on the end day for a dossier that ended after it. A dossier's row keeps
 * less than its events do, so two of the job's rules are simplified: ratings count on the end day
 * (the job counts each on its own day), and overdue follows the final effective due alone (the job
 * also counts a second supplement request, and stops the clock while a pause is open). The
 * benchmark's data has neither pauses, nor ratings before the end.
 */
public final class DerivedKpiTables {

    /** The counts' columns of the KPI tables, in their order. */
    private static final String COUNTS = """
            received, early, on_time, late, withdrawn, open_delta, overdue_delta, online_received, fee_bearing, paid_online,
            completed, electronic_results, ratings, satisfied, rated_unsatisfied, digitized_received, reused_data_received,
            processing_working_seconds""";

    private DerivedKpiTables() {
    }

    /** INSERT ... SELECT filling {@code kpi_daily} from every received dossier. */
    public static String kpiDaily() {
        return insert("kpi_daily", "unit_code");
    }

    /** INSERT ... SELECT filling {@code kpi_procedure_daily} from every received dossier. */
    public static String kpiProcedureDaily() {
        return insert("kpi_procedure_daily", "unit_code, procedure_code");
    }

    /**
     * INSERT ... SELECT filling {@code kpi_procedure_monthly} from {@code kpi_procedure_daily}: each
     * month's row the sum of its days' rows, its version theirs together, as the job writes it.
     */
    public static String kpiProcedureMonthly() {
        String sums = Arrays.stream(COUNTS.split(",")).map(String::strip).map(c -> "sum(" + c + ")")
                .collect(Collectors.joining(", "));
        return """
                INSERT INTO kpi_procedure_monthly (unit_code, procedure_code, month, %s, version)
                SELECT unit_code, procedure_code, toStartOfMonth(day) AS month, %s, sum(version)
                FROM kpi_procedure_daily FINAL
                GROUP BY unit_code, procedure_code, month
                """.formatted(COUNTS, sums);
    }

    private static String insert(String table, String keys) {
        return """
                INSERT INTO %1$s (%2$s, day, %4$s, version)
                SELECT %2$s, day, sum(received), sum(early), sum(on_time), sum(late), sum(withdrawn), sum(open_delta),
                       sum(overdue_delta), sum(online), sum(fee), sum(paid), sum(completed), sum(electronic), sum(ratings),
                       sum(satisfied), sum(unsatisfied), sum(digitized), sum(reused), sum(pws), 1
                FROM (
                  SELECT %2$s, toDate(received_at) AS day, 1 AS received, 0 AS early, 0 AS on_time, 0 AS late, 0 AS withdrawn,
                         1 AS open_delta, 0 AS overdue_delta, channel = 'ONLINE' AS online, fee_required AS fee,
                         fee_required AND paid_online AS paid, 0 AS completed, 0 AS electronic, 0 AS ratings, 0 AS satisfied, 0 AS unsatisfied,
                         digitized, reused_data AS reused, 0 AS pws
                  FROM %3$s
                  UNION ALL
                  SELECT %2$s, toDate(assumeNotNull(end_at)), 0, timeliness = 'EARLY', timeliness = 'ON_TIME',
                         timeliness = 'LATE', end_kind = 'WITHDRAWN', -1, -(toDate(assumeNotNull(end_at)) > toDate(assumeNotNull(effective_due_at))),
                         0, 0, 0, end_kind IN ('COMPLETED', 'RETURNED'), end_kind = 'COMPLETED' AND electronic_result, length(ratings),
                         countEqual(ratings, 2) + countEqual(ratings, 3), countEqual(ratings, 1), 0, 0,
                         ifNull(processing_working_seconds, 0)
                  FROM %3$s WHERE end_at IS NOT NULL
                  UNION ALL
                  SELECT %2$s, toDate(assumeNotNull(effective_due_at)) + 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
                  FROM %3$s
                  WHERE end_at IS NULL OR toDate(assumeNotNull(end_at)) > toDate(assumeNotNull(effective_due_at)))
                GROUP BY %2$s, day
                """.formatted(table, keys, "(SELECT * FROM dossiers FINAL WHERE received)", COUNTS);
    }
}
