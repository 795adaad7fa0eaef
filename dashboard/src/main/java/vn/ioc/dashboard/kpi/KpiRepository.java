package vn.ioc.dashboard.kpi;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import vn.ioc.domain.kpi.KpiCounts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads KPI counts from {@code kpi_daily}, and per procedure from {@code kpi_procedure_monthly} and
 * {@code kpi_procedure_daily}. Flows are summed over the days of the period; open and
 * overdue are stored as day-deltas and summed over every day up to the period's last day. FINAL
 * makes the replacing table show only each row's newest version.
 */
public final class KpiRepository {

    /** The flow counts of kpi_daily: summed over the period's days (open and overdue are summed up to its end). */
    private static final List<String> FLOWS = List.of("received", "early", "on_time", "late", "withdrawn",
            "online_received", "fee_bearing", "paid_online", "completed", "electronic_results", "ratings", "satisfied",
            "rated_unsatisfied", "digitized_received", "reused_data_received", "processing_working_seconds");

    /**
     * The sums that make a period's counts, each column named {@code prefix} + its name: the flows of the
     * rows where {@code inPeriod} holds, open and overdue over the rows where {@code upToEnd} holds
     * (null: every row the query reads, which ends at the period's last day).
     */
    private static String sums(String prefix, String inPeriod, String upToEnd) {
        List<String> out = new ArrayList<>();
        for (String flow : FLOWS) {
            // The column named by its table: ClickHouse's aliases are visible in the whole query, and the
            // previous period's sum of a column would otherwise read the current period's sum of the same name.
            out.add("sumIf(kpi_daily." + flow + ", " + inPeriod + ") AS " + prefix + flow);
        }
        for (String[] delta : new String[][] {{"open_delta", "open_at_end"}, {"overdue_delta", "overdue_at_end"}}) {
            out.add((upToEnd == null ? "sum(" + delta[0] + ")" : "sumIf(" + delta[0] + ", " + upToEnd + ")")
                    + " AS " + prefix + delta[1]);
        }
        return "  " + String.join(",\n  ", out) + "\n";
    }

    private static final String PREVIOUS = "prev_";

    private static final String SUMS = sums("", "day >= {from:Date}", null);

    private static final String QUERY = "SELECT\n" + SUMS + """
            FROM kpi_daily FINAL
            WHERE unit_code IN {units:Array(String)} AND day <= {to:Date}
            """;

    private static final String BY_UNIT_ROWS = """
            FROM kpi_daily FINAL
            WHERE unit_code IN {units:Array(String)} AND day <= {to:Date}
            GROUP BY unit_code
            """;

    private static final String BY_UNIT = "SELECT unit_code,\n" + SUMS + BY_UNIT_ROWS;

    /** BY_UNIT with, from the same rows, the previous period's counts (it ends before the period starts). */
    private static final String BY_UNIT_WITH_PREVIOUS = "SELECT unit_code,\n" + SUMS + ",\n"
            + sums(PREVIOUS, "day >= {prevFrom:Date} AND day <= {prevTo:Date}", "day <= {prevTo:Date}") + BY_UNIT_ROWS;

    /**
     * One row per day of the period, plus one row (the day before {@code from}) holding everything
     * earlier: only its open/overdue deltas are used, as the starting point of the running totals.
     */
    private static final String DAILY = """
            SELECT toString(greatest(day, {before:Date})) AS d,
              sum(received) AS received, sum(early) AS early, sum(on_time) AS on_time, sum(late) AS late,
              sum(withdrawn) AS withdrawn, sum(open_delta) AS open_at_end, sum(overdue_delta) AS overdue_at_end,
              sum(online_received) AS online_received, sum(fee_bearing) AS fee_bearing, sum(paid_online) AS paid_online,
              sum(completed) AS completed, sum(electronic_results) AS electronic_results, sum(ratings) AS ratings,
              sum(satisfied) AS satisfied, sum(rated_unsatisfied) AS rated_unsatisfied,
              sum(digitized_received) AS digitized_received, sum(reused_data_received) AS reused_data_received,
              sum(processing_working_seconds) AS processing_working_seconds
            FROM kpi_daily FINAL
            WHERE unit_code IN {units:Array(String)} AND day <= {to:Date}
            GROUP BY d
            ORDER BY d
            """;

    /**
     * Per procedure: received, ended by class and withdrawn in the period, and open at its end. Whole
     * months come from kpi_procedure_monthly, the days of a partly covered month from kpi_procedure_daily
     * ({@link ProcedurePeriod}): the open count sums every month since the first instead of every day.
     */
    private static final String BY_PROCEDURE = """
            SELECT toString(procedure_code) AS procedure_code,
              sumIf(received, flow_counted) AS received, sumIf(early, flow_counted) AS early,
              sumIf(on_time, flow_counted) AS on_time, sumIf(late, flow_counted) AS late,
              sumIf(withdrawn, flow_counted) AS withdrawn, sumIf(open_delta, open_counted) AS open_at_end
            FROM (
              SELECT procedure_code, received, early, on_time, late, withdrawn, open_delta,
                     month >= {wholeFrom:Date} AS flow_counted, true AS open_counted
              FROM kpi_procedure_monthly FINAL
              WHERE unit_code IN {units:Array(String)} AND month < {wholeTo:Date}
              UNION ALL
              SELECT procedure_code, received, early, on_time, late, withdrawn, open_delta,
                     day >= {from:Date} AND (day < {wholeFrom:Date} OR day >= {wholeTo:Date}) AS flow_counted,
                     day >= {wholeTo:Date} AS open_counted
              FROM kpi_procedure_daily FINAL
              WHERE unit_code IN {units:Array(String)} AND day <= {to:Date}
                AND ((day >= {from:Date} AND day < {wholeFrom:Date}) OR day >= {wholeTo:Date})
            )
            GROUP BY procedure_code
            HAVING received != 0 OR early != 0 OR on_time != 0 OR late != 0 OR withdrawn != 0 OR open_at_end != 0
            ORDER BY received DESC, procedure_code
            """;

    /**
     * How a period splits between the monthly and the daily table. The months from {@code wholeFrom}
     * (inclusive) to {@code wholeTo} (exclusive) lie wholly in the period: their flows come from the
     * monthly rows. Every month before {@code wholeTo} ends on or before the period's last day: its open
     * deltas come from the monthly rows too. What is left comes from the daily rows: the flows of the
     * period's days outside those months, and the open deltas of its last month's days up to its end.
     */
    record ProcedurePeriod(LocalDate from, LocalDate to, LocalDate wholeFrom, LocalDate wholeTo) {
        static ProcedurePeriod of(LocalDate from, LocalDate to) {
            LocalDate wholeFrom = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
            LocalDate wholeTo = to.plusDays(1).withDayOfMonth(1);
            return new ProcedurePeriod(from, to, wholeFrom, wholeTo);
        }
    }

    /** Per procedure: received, ended by class, withdrawn in the period, and open at its end. */
    public record ProcedureCounts(String procedureCode, long received, long early, long onTime, long late,
                                  long withdrawn, long openAtEnd) {
        public long ended() {
            return early + onTime + late;
        }

        /** (early + onTime) / ended: the share of the dossiers ended in the period that ended in time. */
        public Double endedInTimeRate() {
            return ended() == 0 ? null : (double) (early + onTime) / ended();
        }
    }

    /** A day's counts: its flows, and open/overdue at its end. */
    public record Day(LocalDate day, KpiCounts counts) {
    }

    private final Client client;

    public KpiRepository(Client client) {
        this.client = client;
    }

    /** The counts of the units' union over the inclusive local dates from..to. */
    public KpiCounts counts(Collection<String> units, LocalDate from, LocalDate to) {
        List<GenericRecord> rows = client.queryAll(QUERY, Map.of(
                "units", arrayLiteral(units), "from", from.toString(), "to", to.toString()));
        return toCounts(rows.get(0));
    }

    /** The counts of each unit on its own (not its subtree); units without rows are absent. */
    public Map<String, KpiCounts> countsByUnit(Collection<String> units, LocalDate from, LocalDate to) {
        Map<String, KpiCounts> out = new HashMap<>();
        for (GenericRecord r : client.queryAll(BY_UNIT, Map.of(
                "units", arrayLiteral(units), "from", from.toString(), "to", to.toString()))) {
            out.put(r.getString("unit_code"), toCounts(r));
        }
        return out;
    }

    /** Each unit's own counts over a period and over its previous period. */
    public record TwoPeriods(Map<String, KpiCounts> current, Map<String, KpiCounts> previous) {
    }

    /**
     * {@link #countsByUnit} of from..to and of prevFrom..prevTo, which must end before {@code from}: one
     * scan of the same rows (up to {@code to}) answers both, as fast as either alone.
     */
    public TwoPeriods countsByUnit(Collection<String> units, LocalDate from, LocalDate to, LocalDate prevFrom,
                                   LocalDate prevTo) {
        if (!prevTo.isBefore(from) || prevFrom.isAfter(prevTo)) {
            throw new IllegalArgumentException("previous period " + prevFrom + ".." + prevTo + " must end before " + from);
        }
        Map<String, KpiCounts> current = new HashMap<>();
        Map<String, KpiCounts> previous = new HashMap<>();
        for (GenericRecord r : client.queryAll(BY_UNIT_WITH_PREVIOUS, Map.of("units", arrayLiteral(units),
                "from", from.toString(), "to", to.toString(), "prevFrom", prevFrom.toString(), "prevTo", prevTo.toString()))) {
            current.put(r.getString("unit_code"), toCounts(r, ""));
            previous.put(r.getString("unit_code"), toCounts(r, PREVIOUS));
        }
        return new TwoPeriods(current, previous);
    }

    /** Every day from..to, days without rows included (all flows zero, open carried over). */
    public List<Day> daily(Collection<String> units, LocalDate from, LocalDate to) {
        LocalDate before = from.minusDays(1);
        Map<LocalDate, KpiCounts> byDay = new LinkedHashMap<>();
        for (GenericRecord r : client.queryAll(DAILY, Map.of(
                "units", arrayLiteral(units), "before", before.toString(), "to", to.toString()))) {
            byDay.put(LocalDate.parse(r.getString("d")), toCounts(r));
        }
        KpiCounts history = byDay.getOrDefault(before, KpiCounts.ZERO);
        long open = history.openAtEnd();
        long overdue = history.overdueAtEnd();
        List<Day> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            KpiCounts c = byDay.getOrDefault(d, KpiCounts.ZERO);
            open += c.openAtEnd();
            overdue += c.overdueAtEnd();
            days.add(new Day(d, new KpiCounts(c.received(), c.early(), c.onTime(), c.late(), c.withdrawn(), open, overdue,
                    c.onlineReceived(), c.feeBearing(), c.paidOnline(), c.completed(), c.electronicResults(), c.ratings(),
                    c.satisfied(), c.ratedUnsatisfied(), c.digitizedReceived(), c.reusedDataReceived(),
                    c.processingWorkingSeconds())));
        }
        return days;
    }

    /**
     * The units' dossiers per procedure over the inclusive local dates from..to; procedures with
     * nothing in the period and nothing open at its end are left out.
     */
    public List<ProcedureCounts> byProcedure(Collection<String> units, LocalDate from, LocalDate to) {
        List<ProcedureCounts> out = new ArrayList<>();
        ProcedurePeriod p = ProcedurePeriod.of(from, to);
        for (GenericRecord r : client.queryAll(BY_PROCEDURE, Map.of("units", arrayLiteral(units), "from", from.toString(),
                "to", to.toString(), "wholeFrom", p.wholeFrom().toString(), "wholeTo", p.wholeTo().toString()))) {
            out.add(new ProcedureCounts(r.getString("procedure_code"), r.getLong("received"), r.getLong("early"),
                    r.getLong("on_time"), r.getLong("late"), r.getLong("withdrawn"), r.getLong("open_at_end")));
        }
        return out;
    }

    private static KpiCounts toCounts(GenericRecord r) {
        return toCounts(r, "");
    }

    private static KpiCounts toCounts(GenericRecord r, String prefix) {
        return new KpiCounts(
                r.getLong(prefix + "received"), r.getLong(prefix + "early"), r.getLong(prefix + "on_time"),
                r.getLong(prefix + "late"), r.getLong(prefix + "withdrawn"), r.getLong(prefix + "open_at_end"),
                r.getLong(prefix + "overdue_at_end"), r.getLong(prefix + "online_received"),
                r.getLong(prefix + "fee_bearing"), r.getLong(prefix + "paid_online"), r.getLong(prefix + "completed"),
                r.getLong(prefix + "electronic_results"), r.getLong(prefix + "ratings"), r.getLong(prefix + "satisfied"),
                r.getLong(prefix + "rated_unsatisfied"), r.getLong(prefix + "digitized_received"),
                r.getLong(prefix + "reused_data_received"), r.getLong(prefix + "processing_working_seconds"));
    }

    /** A query parameter of type Array(String), in ClickHouse's text form: ['a','b']. */
    public static String arrayLiteral(Collection<String> values) {
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
