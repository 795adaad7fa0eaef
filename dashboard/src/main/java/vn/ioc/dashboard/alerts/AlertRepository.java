package vn.ioc.dashboard.alerts;

import vn.ioc.dashboard.web.QueryParam;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import vn.ioc.dashboard.dossier.UnitCondition;
import vn.ioc.dashboard.kpi.KpiRepository;
import vn.ioc.dashboard.web.Times;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert episodes active at an instant: raised_at <= at < resolved_at (or not resolved). An episode
 * belongs to a unit when the dossier was received there or is being handled there now.
 */
public final class AlertRepository {

    private static final String COLUMNS = """
            SELECT dossier_id, toString(kind) AS kind, toUnixTimestamp64Milli(raised_at) AS raised,
                   toUnixTimestamp64Milli(resolved_at) AS resolved, toUnixTimestamp64Milli(due_at) AS due,
                   toString(unit_code) AS unit_code, toString(current_unit_code) AS current_unit_code,
                   toString(procedure_code) AS procedure_code
            """;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AlertRepository.class);

    public record Alert(String dossierId, String kind, Instant raisedAt, Instant resolvedAt, Instant dueAt,
                        String unitCode, String currentUnitCode, String procedureCode) {
    }

    private final Client client;

    public AlertRepository(Client client) {
        this.client = client;
    }

    /** The newest {@code limit} episodes active at {@code at}, newest first. */
    public List<Alert> activeAt(Collection<String> units, Instant at, int limit) {
        return query(COLUMNS + activeAt("fromUnixTimestamp64Milli({at:Int64})") + " ORDER BY raised_at DESC, dossier_id, kind LIMIT {limit:UInt32}",
                params(units, at, Map.of("limit", limit)));
    }

    /**
     * Episodes listed under one of {@code {units}} and active at the instant {@code at} (an SQL
     * expression): those of alerts_by_resolution (V013) that stop holding after it, the tail of its key
     * (resolved_or_end is resolved_at, or 2100-01-01 while unresolved), so that the query reads the
     * episodes active now (or then) and not the whole history.
     */
    public static String activeAt(String at) {
        return """
                FROM alerts_by_resolution FINAL
                WHERE is_deleted = 0 AND resolved_or_end > %1$s AND raised_at <= %1$s
                  AND (unit_code IN {units:Array(String)} OR current_unit_code IN {units:Array(String)})
                """.formatted(at);
    }

    private List<Alert> query(String sql, Map<String, Object> params) {
        List<Alert> out = new ArrayList<>();
        for (GenericRecord r : client.queryAll(sql, params)) {
            out.add(new Alert(r.getString("dossier_id"), r.getString("kind"), instant(r, "raised"), instant(r, "resolved"),
                    instant(r, "due"), r.getString("unit_code"), r.getString("current_unit_code"), r.getString("procedure_code")));
        }
        return out;
    }

    /**
     * How many episodes of each kind are active at {@code at}, without reading the episodes: those
     * active at the end of the day before (raised minus resolved over the days up to it, from
     * alert_daily), plus the raises and minus the resolutions of the day of {@code at} up to that
     * instant (alert_transitions). Equal to counting the episodes with raised_at <= at < resolved_at.
     */
    public Map<String, Long> countsAt(Collection<String> units, Instant at) {
        Map<String, Long> out = new LinkedHashMap<>();
        UnitCondition unit = UnitCondition.of(units);
        LocalDate day = Times.localDate(at);
        Map<String, Object> p = params(units, at, Map.of("day", day.toString(),
                "dayStart", Times.startOfDay(day).toEpochMilli()));
        for (GenericRecord r : client.queryAll("""
                SELECT kind, sum(n) AS n
                FROM (SELECT toString(kind) AS kind, sum(raised) - sum(resolved) AS n
                      FROM alert_daily FINAL
                      WHERE day < toDate({day:String}) AND %1$s
                      GROUP BY kind
                      UNION ALL
                      SELECT toString(kind) AS kind, sum(toInt64(change)) AS n
                      FROM alert_transitions FINAL
                      WHERE at >= fromUnixTimestamp64Milli({dayStart:Int64}) AND at <= fromUnixTimestamp64Milli({at:Int64})
                        AND is_deleted = 0 AND %1$s
                      GROUP BY kind)
                GROUP BY kind
                HAVING n != 0
                ORDER BY kind%2$s
                """.formatted(unit.listed(), unit.settings()), p)) {
            long n = r.getLong("n");
            if (n > 0) {
                out.put(r.getString("kind"), n);
            } else {
                // More resolutions than raises can only mean missing rows: a job resumed with state
                // from before alert_daily, or one table a flush behind the other for a moment.
                LOG.warn("{} active {} alerts at {} for {} units: alert_daily and alert_transitions disagree",
                        n, r.getString("kind"), at, units.size());
            }
        }
        return out;
    }

    /** Every episode of one dossier, in the order they were raised. */
    public List<Alert> ofDossier(String dossierId) {
        return query(COLUMNS + "FROM alerts FINAL WHERE is_deleted = 0 AND dossier_id = {id:String} ORDER BY raised_at, kind",
                Map.of("id", QueryParam.text(dossierId)));
    }

    private static Map<String, Object> params(Collection<String> units, Instant at, Map<String, Object> more) {
        Map<String, Object> p = new LinkedHashMap<>(more);
        p.put("units", KpiRepository.arrayLiteral(units));
        p.put("at", at.toEpochMilli());
        return p;
    }

    static Instant instant(GenericRecord r, String column) {
        return r.hasValue(column) ? Instant.ofEpochMilli(r.getLong(column)) : null;
    }
}
