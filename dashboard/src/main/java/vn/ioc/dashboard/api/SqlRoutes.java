package vn.ioc.dashboard.api;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.ioc.dashboard.ApiError;
import vn.ioc.dashboard.auth.Access;
import vn.ioc.dashboard.sql.SqlConsole;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analysts' SQL console: {@code POST /api/sql} with {@code {"sql": "..."}} (or a form field
 * {@code sql}) answers columns and rows as JSON; {@code POST /api/sql.csv} the same as a CSV download;
 * {@code GET /api/schema} the tables and columns, and how to connect a JDBC tool.
 */
public final class SqlRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqlConsole console;
    private final Client client;
    private final String jdbcUrl;

    public SqlRoutes(Client client, String jdbcUrl) {
        this.console = new SqlConsole(client);
        this.client = client;
        this.jdbcUrl = jdbcUrl;
    }

    public void register(Javalin app) {
        app.post("/api/sql", this::run, Access.SQL);
        app.post("/api/sql.csv", this::csv, Access.SQL);
        app.get("/api/schema", this::schema, Access.SQL);
    }

    private void run(Context ctx) {
        SqlConsole.Result r = console.run(sql(ctx));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("columns", r.columns());
        m.put("rows", r.rows());
        m.put("rowCount", r.rows().size());
        m.put("truncated", r.truncated());
        m.put("maxRows", SqlConsole.MAX_ROWS);
        m.put("elapsedMs", r.elapsedMs());
        ctx.json(m);
    }

    private void csv(Context ctx) {
        SqlConsole.Result r = console.run(sql(ctx));
        ctx.header("Content-Disposition", "attachment; filename=\"ioc-query.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(SqlConsole.csv(r));
    }

    private static String sql(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType != null && contentType.startsWith("application/json")) {
            try {
                JsonNode body = JSON.readTree(ctx.body());
                return body == null || !body.hasNonNull("sql") ? null : body.get("sql").asText();
            } catch (Exception e) {
                throw new ApiError(400, "The body must be JSON: {\"sql\": \"SELECT ...\"}");
            }
        }
        return ctx.formParam("sql");
    }

    private void schema(Context ctx) {
        Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
        for (GenericRecord r : client.queryAll("""
                SELECT table, name, type, comment FROM system.columns
                WHERE database = currentDatabase() ORDER BY table, position
                """, SqlConsole.safeSettings())) {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("name", r.getString("name"));
            c.put("type", r.getString("type"));
            c.put("comment", r.getString("comment"));
            tables.computeIfAbsent(r.getString("table"), t -> new ArrayList<>()).add(c);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", client.queryAll("SELECT currentDatabase() AS db").get(0).getString("db"));
        m.put("jdbcUrl", jdbcUrl);
        m.put("tables", tables);
        ctx.json(m);
    }
}
