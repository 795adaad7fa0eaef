package vn.ioc.dashboard.alerts;

import vn.ioc.dashboard.web.QueryParam;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import vn.ioc.dashboard.dossier.UnitCondition;
import vn.ioc.dashboard.kpi.KpiRepository;

import java.time.Duration;
import java.time.Instant;
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

    private static final Duration FRESH_WINDOW = Duration.ofDays(7);

    public record Alert(String dossierId, String kind, Instant raisedAt, Instant resolvedAt, Instant dueAt,
                        String unitCode, String currentUnitCode, String procedureCode) {
    }

    private final Client client;

    public AlertRepository(Client client) {
        this.client = client;
    }

    /** The newest {@code limit} episodes active at {@code at}, newest first. */
    public List<Alert> activeAt(Collection<String> units, Instant at, int limit) {
        // Newest first: when the last week alone holds enough episodes, they are the answer, and the
        // raised_at index lets ClickHouse read only that week instead of every episode ever raised.
        UnitCondition unit = UnitCondition.of(units);
        String order = " ORDER BY raised_at DESC, dossier_id, kind LIMIT {limit:UInt32}" + unit.settings();
        List<Alert> recent = query(COLUMNS + where(unit) + " AND raised_at >= fromUnixTimestamp64Milli({since:Int64})" + order,
                params(units, at, Map.of("limit", limit, "since", at.minus(FRESH_WINDOW).toEpochMilli())));
        return recent.size() >= limit ? recent : query(COLUMNS + where(unit) + order, params(units, at, Map.of("limit", limit)));
    }

    /** Episodes listed under one of {@code {units}} and active at {@code {at}}. */
    private static String where(UnitCondition unit) {
        return """
                FROM alerts FINAL
                WHERE is_deleted = 0 AND %s
                  AND raised_at <= fromUnixTimestamp64Milli({at:Int64})
                  AND (resolved_at IS NULL OR resolved_at > fromUnixTimestamp64Milli({at:Int64}))
                """.formatted(unit.listed());
    }

    private List<Alert> query(String sql, Map<String, Object> params) {
        List<Alert> out = new ArrayList<>();
        for (GenericRecord r : client.queryAll(sql, params)) {
            out.add(new Alert(r.getString("dossier_id"), r.getString("kind"), instant(r, "raised"), instant(r, "resolved"),
                    instant(r, "due"), r.getString("unit_code"), r.getString("current_unit_code"), r.getString("procedure_code")));
        }
        return out;
    }

    /** How many episodes of each kind are active at {@code at}. */
    public Map<String, Long> countsAt(Collection<String> units, Instant at) {
        Map<String, Long> out = new LinkedHashMap<>();
        UnitCondition unit = UnitCondition.of(units);
        for (GenericRecord r : client.queryAll("SELECT toString(kind) AS kind, count() AS n " + where(unit) + " GROUP BY kind"
                + unit.settings(), params(units, at, Map.of()))) {
            out.put(r.getString("kind"), r.getLong("n"));
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
