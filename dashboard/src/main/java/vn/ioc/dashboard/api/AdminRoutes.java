package vn.ioc.dashboard.api;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.ioc.dashboard.auth.Access;
import vn.ioc.dashboard.auth.User;
import vn.ioc.dashboard.auth.UserDirectory;
import vn.ioc.dashboard.web.Params;
import vn.ioc.dashboard.web.Times;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.Procedure;
import vn.ioc.domain.catalog.Unit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Administration, read-only: who may sign in (never their hashes), the catalogs in force, and the
 * rejected events with their reasons. Users and catalogs are files the operator edits; rejected
 * events are replayed with the ingest's dead-letter command once the cause is fixed.
 */
public final class AdminRoutes {

    private final Catalogs catalogs;
    private final UserDirectory users;
    private final Client client;

    public AdminRoutes(Catalogs catalogs, UserDirectory users, Client client) {
        this.catalogs = catalogs;
        this.users = users;
        this.client = client;
    }

    public void register(Javalin app) {
        app.get("/api/admin/users", this::users, Access.ADMIN);
        app.get("/api/admin/catalog", this::catalog, Access.ADMIN);
        app.get("/api/admin/dead-letters", this::deadLetters, Access.ADMIN);
    }

    private void users(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (User u : users.users()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("username", u.username());
            m.put("role", u.role().name());
            m.put("unitCode", u.unitCode());
            m.put("unitName", u.unitCode() == null ? null : catalogs.units().find(u.unitCode()).map(Unit::name).orElse(null));
            out.add(m);
        }
        ctx.json(Map.of("users", out, "wallScreens", List.copyOf(users.wallScreens())));
    }

    private void catalog(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("units", catalogs.units().all().stream().map(u -> {
            Map<String, Object> um = new LinkedHashMap<>();
            um.put("code", u.code());
            um.put("name", u.name());
            um.put("level", u.level().name());
            um.put("parentCode", u.parentCode());
            um.put("validFrom", u.validFrom() == null ? null : u.validFrom().toString());
            um.put("validTo", u.validTo() == null ? null : u.validTo().toString());
            um.put("successorCode", u.successorCode());
            return um;
        }).toList());
        m.put("procedures", catalogs.procedures().all().stream().map(p -> procedure(p)).toList());
        m.put("calendar", catalogs.calendarDays().stream()
                .map(d -> Map.of("date", d.date().toString(), "kind", d.kind().name(), "name", d.name() == null ? "" : d.name()))
                .toList());
        ctx.json(m);
    }

    private static Map<String, Object> procedure(Procedure p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", p.code());
        m.put("name", p.name());
        m.put("field", p.field());
        m.put("statutoryWorkingDays", p.statutoryWorkingDays());
        m.put("feeRequired", p.feeRequired());
        m.put("onlineLevel", p.onlineLevel().name());
        return m;
    }

    private void deadLetters(Context ctx) {
        int limit = Params.intParam(ctx, "limit", 100, 1, 1000);
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (GenericRecord r : client.queryAll("""
                SELECT toString(reason_code) AS reason_code, count() AS n FROM dead_letters FINAL
                GROUP BY reason_code ORDER BY n DESC
                """)) {
            byReason.put(r.getString("reason_code"), r.getLong("n"));
        }
        List<Map<String, Object>> newest = new ArrayList<>();
        for (GenericRecord r : client.queryAll("""
                SELECT id, toUnixTimestamp64Milli(received_at) AS received_at, toString(source) AS source,
                       toString(reason_code) AS reason_code, reason, substring(raw, 1, 500) AS raw
                FROM dead_letters FINAL ORDER BY received_at DESC, id LIMIT {limit:UInt32}
                """, Map.of("limit", limit))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.getString("id"));
            m.put("receivedAt", Times.iso(Instant.ofEpochMilli(r.getLong("received_at"))));
            m.put("source", r.getString("source"));
            m.put("reasonCode", r.getString("reason_code"));
            m.put("reason", r.getString("reason"));
            m.put("raw", r.getString("raw"));
            newest.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("byReason", byReason);
        m.put("newest", newest);
        m.put("replayCommand", "java -cp \"$(cat ingest/target/classpath.txt):ingest/target/classes\" "
                + "vn.ioc.ingest.deadletter.DeadLetterMain replay [--reason CODE]");
        ctx.json(m);
    }
}
