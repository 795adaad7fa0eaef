package vn.ioc.dashboard.dossier;

import vn.ioc.dashboard.Queries;
import vn.ioc.dashboard.web.QueryParam;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.ioc.dashboard.alerts.AlertRepository;
import vn.ioc.dashboard.kpi.KpiRepository;
import vn.ioc.dashboard.web.Times;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Dossiers for people: search, one dossier with its timeline, the late and at-risk lists. Reads
 * {@code dossiers}, {@code events} and {@code alerts} with FINAL.
 */
public final class DossierRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The start of a dossier code: a unit code such as 000.00.12.H23, maybe followed by more of the code. */
    private static final java.util.regex.Pattern CODE_PREFIX = java.util.regex.Pattern.compile("\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}.*");

    private static final String SUMMARY = """
            dossier_id, received, toString(unit_code) AS unit_code, toString(current_unit_code) AS current_unit_code,
            toString(procedure_code) AS procedure_code, toString(channel) AS channel,
            toUnixTimestamp64Milli(received_at) AS received_at_ms, toUnixTimestamp64Milli(due_at) AS due_at_ms,
            toUnixTimestamp64Milli(effective_due_at) AS effective_due_at_ms, toUnixTimestamp64Milli(end_at) AS end_at_ms,
            toString(end_kind) AS end_kind, toString(timeliness) AS timeliness, supplement_requests, pause_open,
            toUnixTimestamp64Milli(last_event_at) AS last_event_at_ms, event_count
            """;

    private static final String DETAIL = SUMMARY + """
            , pause_count, paused_seconds, processing_working_seconds, fee_required, paid_online, electronic_result,
            digitized, reused_data, toUnixTimestamp64Milli(apology_at) AS apology_at_ms,
            toUnixTimestamp64Milli(new_due_at) AS new_due_at_ms,
            arrayStringConcat(arrayMap(x -> toString(x), ratings), ',') AS ratings, version
            """;

    /** A page of results and the number of dossiers matching. */
    public record Page(long total, List<Map<String, Object>> dossiers) {
    }

    private final Client client;

    public DossierRepository(Client client) {
        this.client = client;
    }

    public Page search(DossierQuery q) {
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        UnitCondition unit = q.units() == null ? null : UnitCondition.of(q.units());
        String settings = unit == null ? "" : unit.settings();
        if (unit != null) {
            where.add(unit.listed());
            params.put("units", KpiRepository.arrayLiteral(q.units()));
        }
        if (q.procedure() != null) {
            where.add("procedure_code = {procedure:String}");
            params.put("procedure", QueryParam.text(q.procedure()));
        }
        if (q.status() != null) {
            where.add("(" + DossierQuery.statusCondition(q.status()) + ")");
        }
        if (q.channel() != null) {
            where.add("channel = {channel:String}");
            params.put("channel", DossierQuery.channelValue(q.channel()));
        }
        if (q.from() != null) {
            where.add("received_at >= fromUnixTimestamp64Milli({fromMs:Int64})");
            params.put("fromMs", Times.startOfDay(q.from()).toEpochMilli());
        }
        if (q.to() != null) {
            where.add("received_at < fromUnixTimestamp64Milli({toMs:Int64})");
            params.put("toMs", Times.startOfDay(q.to().plusDays(1)).toEpochMilli());
        }
        if (q.q() != null) {
            // A code typed from its start (unit code, then date) is a range of the primary key: read it, not every row.
            where.add(CODE_PREFIX.matcher(q.q()).matches() ? "startsWith(dossier_id, {q:String})"
                    : "positionCaseInsensitive(dossier_id, {q:String}) > 0");
            params.put("q", QueryParam.text(q.q()));
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        Map<String, Object> pageParams = new LinkedHashMap<>(params);
        pageParams.put("limit", q.limit());
        pageParams.put("offset", q.offset());
        // The count and the page are independent scans: asked at once, the answer waits for the slower one only.
        var total = Queries.async(() -> client.queryAll("SELECT count() AS n FROM dossiers FINAL" + filter + settings, params)
                .get(0).getLong("n"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GenericRecord r : client.queryAll("SELECT " + SUMMARY + " FROM dossiers FINAL" + filter
                + " ORDER BY received_at DESC NULLS LAST, last_event_at DESC, dossier_id LIMIT {limit:UInt32} OFFSET {offset:UInt32}"
                + settings, pageParams)) {
            rows.add(summary(r));
        }
        return new Page(Queries.join(total), rows);
    }

    /** The dossier's state row, or empty when there is no such dossier. */
    public Optional<Map<String, Object>> find(String dossierId) {
        List<GenericRecord> rows = client.queryAll("SELECT " + DETAIL + " FROM dossiers FINAL WHERE dossier_id = {id:String}",
                Map.of("id", QueryParam.text(dossierId)));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        GenericRecord r = rows.get(0);
        Map<String, Object> m = summary(r);
        m.put("pauseCount", r.getLong("pause_count"));
        m.put("pausedSeconds", r.getLong("paused_seconds"));
        m.put("processingWorkingDays", r.hasValue("processing_working_seconds")
                ? r.getLong("processing_working_seconds") / 3600.0 / 8 : null);
        m.put("feeRequired", r.getBoolean("fee_required"));
        m.put("paidOnline", r.getBoolean("paid_online"));
        m.put("electronicResult", r.getBoolean("electronic_result"));
        m.put("digitized", r.getBoolean("digitized"));
        m.put("reusedData", r.getBoolean("reused_data"));
        m.put("apologyAt", iso(r, "apology_at_ms"));
        m.put("newDueAt", iso(r, "new_due_at_ms"));
        String ratings = r.getString("ratings");
        m.put("ratings", ratings.isEmpty() ? List.of() : List.of(ratings.split(",")).stream().map(Integer::valueOf).toList());
        m.put("version", r.getLong("version"));
        return Optional.of(m);
    }

    /**
     * The accepted events of a dossier, in order of their time: its timeline. A repeated event id is
     * one event: its first copy in topic order stands for it, the copy the job built the dossier from
     * ({@code LIMIT 1 BY} over the primary key; FINAL would read a whole granule in every monthly
     * partition, 60 ms instead of 8, and keeps the last copy instead).
     */
    public List<Map<String, Object>> timeline(String dossierId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (GenericRecord r : client.queryAll("""
                SELECT event_id, type, at_ms, unit_code, payload
                FROM (SELECT event_id, toString(type) AS type, at, toUnixTimestamp64Milli(at) AS at_ms,
                             toString(unit_code) AS unit_code, payload
                      FROM events WHERE dossier_id = {id:String}
                      ORDER BY kafka_partition, kafka_offset
                      LIMIT 1 BY event_id)
                ORDER BY at, event_id
                """, Map.of("id", QueryParam.text(dossierId)))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("eventId", r.getString("event_id"));
            m.put("type", r.getString("type"));
            m.put("at", iso(r, "at_ms"));
            m.put("unitCode", r.getString("unit_code"));
            m.put("payload", parse(r.getString("payload")));
            out.add(m);
        }
        return out;
    }

    /** One line of the late list: a dossier that ended late in the period, or is overdue or at risk at its end. */
    public record LateDossier(String dossierId, String kind, String unitCode, String currentUnitCode, String procedureCode,
                              Instant receivedAt, Instant dueAt, Instant endAt, long daysLate, int supplementRequests) {
    }

    /**
     * Dossiers received by {@code units} that ended late on the local days from..to, the latest first
     * among the most days late: from late_dossiers (V013), ordered by unit and end day, so that the
     * query reads the period's late dossiers and nothing else.
     */
    public List<LateDossier> endedLate(Collection<String> units, LocalDate from, LocalDate to, int limit) {
        List<LateDossier> out = new ArrayList<>();
        for (GenericRecord r : client.queryAll("""
                SELECT dossier_id, toString(unit_code) AS unit_code, toString(current_unit_code) AS current_unit_code,
                       toString(procedure_code) AS procedure_code,
                       toUnixTimestamp64Milli(received_at) AS received_at_ms,
                       toUnixTimestamp64Milli(effective_due_at) AS due_at_ms, toUnixTimestamp64Milli(end_at) AS end_at_ms,
                       days_late, supplement_requests
                FROM late_dossiers FINAL
                WHERE is_deleted = 0 AND unit_code IN {units:Array(String)}
                  AND end_day >= toDate({from:String}) AND end_day <= toDate({to:String})
                ORDER BY days_late DESC, end_at DESC, dossier_id
                LIMIT {limit:UInt32}
                """, Map.of("units", KpiRepository.arrayLiteral(units), "from", from.toString(), "to", to.toString(),
                "limit", limit))) {
            out.add(new LateDossier(r.getString("dossier_id"), "LATE", r.getString("unit_code"),
                    r.getString("current_unit_code"), r.getString("procedure_code"), instant(r, "received_at_ms"),
                    instant(r, "due_at_ms"), instant(r, "end_at_ms"), r.getLong("days_late"), (int) r.getLong("supplement_requests")));
        }
        return out;
    }

    /**
     * A late list: the dossiers overdue or at risk at {@code at}, then those that ended late in a period;
     * {@code truncated} when either part had more lines than the limit asked for.
     */
    public record LateList(Instant at, List<LateDossier> dossiers, boolean truncated) {
    }

    /**
     * The late list of the inclusive local dates from..to: the dossiers overdue or at risk at the end of
     * the period, or at the newest event when that is earlier, then those that ended late in it. Both
     * queries run at once; the instant is found by the first one itself (one round trip, not two), and
     * {@code newestEvent} is only asked when nothing is overdue or at risk then. Each part holds at most
     * {@code limit} lines, the most urgent first; one more is asked for, so that the list says whether
     * it is whole.
     */
    public LateList late(Collection<String> units, LocalDate from, LocalDate to, Supplier<Optional<Instant>> newestEvent,
                         int limit) {
        Instant last = Times.startOfDay(to.plusDays(1)).minusMillis(1);
        var ended = Queries.async(() -> endedLate(units, from, to, limit + 1));
        Active active = overdueAndAtRisk(units, last, limit + 1);
        Instant at = active.at() != null ? active.at()
                : newestEvent.get().filter(newest -> newest.isBefore(last)).orElse(last);
        List<LateDossier> endedLate = Queries.join(ended);
        boolean truncated = active.dossiers().size() > limit || endedLate.size() > limit;
        List<LateDossier> out = new ArrayList<>(first(active.dossiers(), limit));
        out.addAll(first(endedLate, limit));
        return new LateList(at, out, truncated);
    }

    private static <T> List<T> first(List<T> list, int n) {
        return list.subList(0, Math.min(n, list.size()));
    }

    /** The dossiers overdue or at risk at {@code at}; {@code at} is null when there are none. */
    private record Active(Instant at, List<LateDossier> dossiers) {
    }

    /**
     * Dossiers overdue or at risk at the newest event, or at {@code last} when that is earlier (the
     * alert episodes active then), with their receipt time and supplement requests (written on each
     * episode, migration V010); days late counts local days from the due date to that instant's day.
     */
    private Active overdueAndAtRisk(Collection<String> units, Instant last, int limit) {
        List<LateDossier> out = new ArrayList<>();
        Instant at = null;
        for (GenericRecord r : client.queryAll("""
                WITH (SELECT if(count() = 0, fromUnixTimestamp64Milli({last:Int64}),
                                least(max(at), fromUnixTimestamp64Milli({last:Int64}))) FROM events) AS list_at
                SELECT toUnixTimestamp64Milli(list_at) AS at_ms, dossier_id, toString(kind) AS kind, toString(unit_code) AS unit_code,
                       toString(current_unit_code) AS current_unit_code, toString(procedure_code) AS procedure_code,
                       toUnixTimestamp64Milli(due_at) AS due_at_ms, toUnixTimestamp64Milli(received_at) AS received_at_ms,
                       supplement_requests
                """ + AlertRepository.activeAt("list_at") + """
                  AND kind IN ('OVERDUE', 'AT_RISK')
                ORDER BY kind DESC, due_at ASC, dossier_id
                LIMIT {limit:UInt32}
                """, Map.of("units", KpiRepository.arrayLiteral(units), "last", last.toEpochMilli(), "limit", limit))) {
            at = instant(r, "at_ms");
            Instant due = instant(r, "due_at_ms");
            boolean overdue = r.getString("kind").equals("OVERDUE");
            long daysLate = !overdue || due == null ? 0
                    : Math.max(0, ChronoUnit.DAYS.between(Times.localDate(due), Times.localDate(at)));
            out.add(new LateDossier(r.getString("dossier_id"), r.getString("kind"), r.getString("unit_code"),
                    r.getString("current_unit_code"), r.getString("procedure_code"), instant(r, "received_at_ms"), due, null,
                    daysLate, (int) r.getLong("supplement_requests")));
        }
        return new Active(at, out);
    }

    private static Map<String, Object> summary(GenericRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dossierId", r.getString("dossier_id"));
        m.put("received", r.getBoolean("received"));
        m.put("unitCode", r.getString("unit_code"));
        m.put("currentUnitCode", r.getString("current_unit_code"));
        m.put("procedureCode", r.getString("procedure_code"));
        m.put("channel", emptyToNull(r.getString("channel")));
        m.put("receivedAt", iso(r, "received_at_ms"));
        m.put("dueAt", iso(r, "due_at_ms"));
        m.put("effectiveDueAt", iso(r, "effective_due_at_ms"));
        m.put("endAt", iso(r, "end_at_ms"));
        m.put("endKind", emptyToNull(r.getString("end_kind")));
        m.put("timeliness", emptyToNull(r.getString("timeliness")));
        m.put("supplementRequests", r.getLong("supplement_requests"));
        m.put("pauseOpen", r.getBoolean("pause_open"));
        m.put("lastEventAt", iso(r, "last_event_at_ms"));
        m.put("eventCount", r.getLong("event_count"));
        m.put("state", state(r));
        return m;
    }

    /** One word for where the dossier stands: NOT_RECEIVED, OPEN, PAUSED, EARLY, ON_TIME, LATE or its end kind. */
    private static String state(GenericRecord r) {
        if (!r.getBoolean("received")) {
            return "NOT_RECEIVED";
        }
        if (!r.hasValue("end_at_ms")) {
            return r.getBoolean("pause_open") ? "PAUSED" : "OPEN";
        }
        String timeliness = r.getString("timeliness");
        return timeliness.isEmpty() ? r.getString("end_kind") : timeliness;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String iso(GenericRecord r, String column) {
        return Times.iso(instant(r, column));
    }

    private static Instant instant(GenericRecord r, String column) {
        return r.hasValue(column) ? Instant.ofEpochMilli(r.getLong(column)) : null;
    }

    private static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(payload);
        }
    }

    /** The local date range's bounds as instants: from 00:00 to the day after to, 00:00. */
    public static Instant[] bounds(LocalDate from, LocalDate to) {
        return new Instant[] {Times.startOfDay(from), Times.startOfDay(to.plusDays(1))};
    }
}
