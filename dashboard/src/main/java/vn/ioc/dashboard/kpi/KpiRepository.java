package vn.ioc.dashboard.kpi;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import vn.ioc.domain.kpi.KpiCounts;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads KPI counts from {@code kpi_daily}. Flows are summed over the days of the period; open and
 * overdue are stored as day-deltas and summed over every day up to the period's last day. FINAL
 * makes the replacing table show only each row's newest version.
 */
public final class KpiRepository {

    private static final String QUERY = """
            SELECT
              sumIf(received, day >= {from:Date})                   AS received,
              sumIf(early, day >= {from:Date})                      AS early,
              sumIf(on_time, day >= {from:Date})                    AS on_time,
              sumIf(late, day >= {from:Date})                       AS late,
              sumIf(withdrawn, day >= {from:Date})                  AS withdrawn,
              sum(open_delta)                                       AS open_at_end,
              sum(overdue_delta)                                    AS overdue_at_end,
              sumIf(online_received, day >= {from:Date})            AS online_received,
              sumIf(fee_bearing, day >= {from:Date})                AS fee_bearing,
              sumIf(paid_online, day >= {from:Date})                AS paid_online,
              sumIf(completed, day >= {from:Date})                  AS completed,
              sumIf(electronic_results, day >= {from:Date})         AS electronic_results,
              sumIf(ratings, day >= {from:Date})                    AS ratings,
              sumIf(satisfied, day >= {from:Date})                  AS satisfied,
              sumIf(rated_unsatisfied, day >= {from:Date})          AS rated_unsatisfied,
              sumIf(digitized_received, day >= {from:Date})         AS digitized_received,
              sumIf(reused_data_received, day >= {from:Date})       AS reused_data_received,
              sumIf(processing_working_seconds, day >= {from:Date}) AS processing_working_seconds
            FROM kpi_daily FINAL
            WHERE unit_code IN {units:Array(String)} AND day <= {to:Date}
            """;

    private final Client client;

    public KpiRepository(Client client) {
        this.client = client;
    }

    /** The counts of the units' union over the inclusive local dates from..to. */
    public KpiCounts counts(Collection<String> units, LocalDate from, LocalDate to) {
        List<GenericRecord> rows = client.queryAll(QUERY, Map.of(
                "units", arrayLiteral(units), "from", from.toString(), "to", to.toString()));
        GenericRecord r = rows.get(0);
        return new KpiCounts(
                r.getLong("received"), r.getLong("early"), r.getLong("on_time"), r.getLong("late"),
                r.getLong("withdrawn"), r.getLong("open_at_end"), r.getLong("overdue_at_end"),
                r.getLong("online_received"), r.getLong("fee_bearing"), r.getLong("paid_online"),
                r.getLong("completed"), r.getLong("electronic_results"), r.getLong("ratings"),
                r.getLong("satisfied"), r.getLong("rated_unsatisfied"), r.getLong("digitized_received"),
                r.getLong("reused_data_received"), r.getLong("processing_working_seconds"));
    }

    /** A query parameter of type Array(String), in ClickHouse's text form: ['a','b']. */
    static String arrayLiteral(Collection<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (String v : values) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('\'').append(v.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
        }
        return sb.append(']').toString();
    }
}
