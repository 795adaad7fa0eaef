package vn.ioc.dashboard.api;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.ioc.dashboard.ApiError;
import vn.ioc.dashboard.admin.CatalogDirectory;
import vn.ioc.dashboard.admin.DeadLetterReplays;
import vn.ioc.dashboard.auth.Access;
import vn.ioc.dashboard.kpi.KpiRepository;
import vn.ioc.dashboard.web.JsonBody;
import vn.ioc.dashboard.web.Params;
import vn.ioc.dashboard.web.Times;
import vn.ioc.ingest.deadletter.DeadLetterReplay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rejected events and their replay once the cause is fixed.
 * <pre>
 * GET  /api/admin/dead-letters?reason&amp;pending&amp;limit   counts by reason, the newest ones, whether replay works here
 * POST /api/admin/dead-letters/replay                     {"ids": [...]} or {"reasonCode": "UNKNOWN_UNIT"}
 * </pre>
 * The list is read from ClickHouse, where the analytics job copies the ingest's dead-letter topic and
 * adds its own refusals; a replay reads the topic itself (see {@link DeadLetterReplays}).
 */
public final class AdminDeadLetterRoutes {

    /**
     * Sources of the rows the analytics job writes itself (vn.ioc.analytics.lifecycle.ValidateEvents,
     * DeadLetterTopicRecords): those events are on the events topic, not in the dead-letter topic, so
     * no replay reaches them.
     */
    static final Set<String> JOB_SOURCES = Set.of("analytics-job", "dead-letter-topic");
    private static final int MAX_IDS = 1000;

    private static final String BY_REASON = """
            SELECT toString(d.reason_code) AS reason, count() AS total, countIf(r.dead_letter_id = '') AS pending,
                   countIf(r.dead_letter_id = '' AND d.source NOT IN {jobSources:Array(String)}) AS replayable
            FROM (SELECT source, id, reason_code FROM dead_letters FINAL) AS d
            LEFT JOIN (SELECT source, dead_letter_id FROM dead_letter_replays FINAL) AS r
              ON d.source = r.source AND d.id = r.dead_letter_id
            GROUP BY reason ORDER BY total DESC, reason
            """;
    private static final String NEWEST = """
            SELECT d.id AS id, toUnixTimestamp64Milli(d.received_at) AS received_at, toString(d.source) AS source,
                   toString(d.reason_code) AS reason_code, d.reason AS reason, substring(d.raw, 1, 500) AS raw,
                   r.dead_letter_id != '' AS replayed
            FROM (SELECT id, received_at, source, reason_code, reason, raw FROM dead_letters FINAL
                  WHERE {reason:String} = '' OR reason_code = {reason:String}) AS d
            LEFT JOIN (SELECT source, dead_letter_id FROM dead_letter_replays FINAL) AS r
              ON d.source = r.source AND d.id = r.dead_letter_id
            WHERE {pendingOnly:UInt8} = 0 OR r.dead_letter_id = ''
            ORDER BY d.received_at DESC, d.id LIMIT {limit:UInt32}
            """;

    private final Client client;
    private final DeadLetterReplays replays;
    private final CatalogDirectory catalogDirectory;

    public AdminDeadLetterRoutes(Client client, DeadLetterReplays replays, CatalogDirectory catalogDirectory) {
        this.client = client;
        this.replays = replays;
        this.catalogDirectory = catalogDirectory;
    }

    public void register(Javalin app) {
        app.get("/api/admin/dead-letters", this::list, Access.ADMIN);
        app.post("/api/admin/dead-letters/replay", this::replay, Access.ADMIN);
    }

    private void list(Context ctx) {
        int limit = Params.intParam(ctx, "limit", 100, 1, 1000);
        String reason = Params.optional(ctx, "reason");
        boolean pendingOnly = Params.boolParam(ctx, "pending", false);
        Map<String, Object> byReason = new LinkedHashMap<>();
        for (GenericRecord r : client.queryAll(BY_REASON, Map.of("jobSources", KpiRepository.arrayLiteral(JOB_SOURCES)))) {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("total", r.getLong("total"));
            counts.put("pending", r.getLong("pending"));
            counts.put("replayable", r.getLong("replayable"));
            byReason.put(r.getString("reason"), counts);
        }
        List<Map<String, Object>> newest = new ArrayList<>();
        for (GenericRecord r : client.queryAll(NEWEST, Map.of("reason", reason == null ? "" : reason,
                "pendingOnly", pendingOnly ? 1 : 0, "limit", limit))) {
            boolean replayed = r.getBoolean("replayed");
            String source = r.getString("source");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.getString("id"));
            m.put("receivedAt", Times.iso(Instant.ofEpochMilli(r.getLong("received_at"))));
            m.put("source", source);
            m.put("reasonCode", r.getString("reason_code"));
            m.put("reason", r.getString("reason"));
            m.put("raw", r.getString("raw"));
            m.put("replayed", replayed);
            m.put("replayable", !replayed && !JOB_SOURCES.contains(source));
            newest.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("byReason", byReason);
        m.put("newest", newest);
        m.put("replay", replays.availability().json());
        m.put("catalogsChangedSinceStart", catalogDirectory.changedSinceStart());
        ctx.json(m);
    }

    private void replay(Context ctx) throws InterruptedException {
        JsonBody body = JsonBody.read(ctx, Set.of("ids", "reasonCode"));
        List<String> ids = body.texts("ids");
        String reasonCode = body.text("reasonCode");
        if ((ids == null) == (reasonCode == null)) {
            throw new ApiError(400, "BAD_REPLAY_REQUEST", "Give either 'ids' (the dead letters to replay) or 'reasonCode' "
                    + "(every pending dead letter of that reason)", Map.of());
        }
        if (ids != null && (ids.isEmpty() || ids.size() > MAX_IDS)) {
            throw ApiError.badField("BAD_FIELD", "ids", "give 1 to " + MAX_IDS + " ids");
        }
        replays.availability().require();
        DeadLetterReplays.Outcome outcome = replays.replay(
                new DeadLetterReplays.Request(ids == null ? null : new LinkedHashSet<>(ids), reasonCode));
        DeadLetterReplay.Result r = outcome.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("replayed", r.replayed());
        m.put("stillRejected", r.stillRejected());
        m.put("stillRejectedTotal", r.stillRejectedTotal());
        m.put("alreadyReplayed", r.alreadyReplayed());
        m.put("snapshotsSkipped", r.snapshots());
        m.put("notStored", r.notStored());
        m.put("notFound", outcome.notFound());
        m.put("catalogsChangedSinceStart", catalogDirectory.changedSinceStart());
        ctx.json(m);
    }
}
