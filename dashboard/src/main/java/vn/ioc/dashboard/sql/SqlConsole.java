package vn.ioc.dashboard.sql;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseColumn;
import vn.ioc.dashboard.ApiError;
import vn.ioc.dashboard.web.Csv;
import vn.ioc.dashboard.web.Times;
import vn.ioc.infra.schema.ClickHouseEndpoint;

import java.lang.reflect.Array;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The analysts' SQL console. Every query runs on ClickHouse with the settings that make it safe to
 * hand out: {@code readonly=1} (no INSERT, DDL, or SET, and the settings cannot be changed back by
 * the query), {@code max_execution_time=10}, {@code max_result_rows=10000} with
 * {@code result_overflow_mode='break'} (a big result is cut, not an error). The settings travel with
 * the query, so they hold on any ClickHouse server whatever the user's profile; in production the
 * console should also use a ClickHouse user whose profile is read-only.
 */
public final class SqlConsole {

    public static final int MAX_ROWS = 10_000;
    public static final int MAX_SECONDS = 10;
    static final int MAX_QUERY_CHARS = 100_000;
    private static final Pattern FORMAT_CLAUSE = Pattern.compile("(?is).*\\bFORMAT\\s+[A-Za-z]\\w*\\s*$");

    public record Column(String name, String type) {
    }

    /** {@code truncated}: the result reached {@link #MAX_ROWS} and was cut there. */
    public record Result(List<Column> columns, List<List<Object>> rows, boolean truncated, long elapsedMs) {
    }

    private final Client client;

    public SqlConsole(Client client) {
        this.client = client;
    }

    public static QuerySettings safeSettings() {
        return new QuerySettings()
                .serverSetting("readonly", "1")
                .serverSetting("max_execution_time", String.valueOf(MAX_SECONDS))
                .serverSetting("max_result_rows", String.valueOf(MAX_ROWS))
                .serverSetting("result_overflow_mode", "break")
                // An analyst's FINAL collapses rows the way ClickHouse documents it, across partitions too.
                .serverSetting(ClickHouseEndpoint.FINAL_WITHIN_PARTITIONS, "0");
    }

    public Result run(String sql) {
        String query = normalize(sql);
        long started = System.nanoTime();
        try (QueryResponse response = client.query(query, safeSettings()).get(MAX_SECONDS + 5, TimeUnit.SECONDS)) {
            ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response);
            List<Column> columns = new ArrayList<>();
            List<ClickHouseColumn> schema = reader.getSchema().getColumns();
            for (ClickHouseColumn c : schema) {
                columns.add(new Column(c.getColumnName(), c.getOriginalTypeName()));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rows.size() < MAX_ROWS && reader.hasNext()) {
                reader.next();
                List<Object> row = new ArrayList<>(schema.size());
                for (int i = 1; i <= schema.size(); i++) {
                    Object v = reader.hasValue(i) ? reader.readValue(i) : null;
                    row.add(isDate(schema.get(i - 1)) ? dateValue(v) : jsonValue(v));
                }
                rows.add(row);
            }
            boolean truncated = rows.size() >= MAX_ROWS;
            return new Result(columns, rows, truncated, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ApiError(400, "The query took longer than " + MAX_SECONDS + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ApiError(400, clickHouseMessage(e.getCause() == null ? e : e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "Interrupted");
        } catch (ApiError e) {
            throw e;
        } catch (Exception e) {
            throw new ApiError(400, clickHouseMessage(e));
        }
    }

    /** A Date column holds a day, whatever time and zone the client attaches to it. */
    private static boolean isDate(ClickHouseColumn c) {
        String type = c.getDataType().name();
        return type.equals("Date") || type.equals("Date32");
    }

    private static Object dateValue(Object v) {
        if (v instanceof ZonedDateTime z) {
            return z.toLocalDate().toString();
        }
        if (v instanceof LocalDateTime l) {
            return l.toLocalDate().toString();
        }
        return jsonValue(v);
    }

    /**
     * One reading statement, without a trailing semicolon or a FORMAT clause of its own. readonly=1 is
     * what makes writing impossible; the first word is checked as well so that statements readonly
     * still lets through (KILL QUERY, which would stop the dashboard's own queries) are refused.
     */
    static String normalize(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new ApiError(400, "Write a query, e.g. SELECT * FROM kpi_daily FINAL LIMIT 10");
        }
        if (sql.length() > MAX_QUERY_CHARS) {
            throw new ApiError(400, "The query is longer than " + MAX_QUERY_CHARS + " characters");
        }
        String q = sql.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).stripTrailing();
        }
        String first = firstKeyword(q);
        if (!READING.contains(first)) {
            throw new ApiError(400, "Only reading statements are allowed here (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, EXISTS); was "
                    + (first.isEmpty() ? "empty" : first));
        }
        if (FORMAT_CLAUSE.matcher(q).matches()) {
            throw new ApiError(400, "Leave out the FORMAT clause: the console chooses it (use the CSV export for CSV)");
        }
        return q;
    }

    private static final java.util.Set<String> READING = java.util.Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC",
            "EXPLAIN", "EXISTS");

    /** The first word of the statement, after comments and opening parentheses, upper case. */
    static String firstKeyword(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i) || sql.startsWith("#", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(java.util.Locale.ROOT);
    }

    private static String clickHouseMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 2000 ? message.substring(0, 2000) + "…" : message;
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /** A value as JSON can hold it: numbers, booleans, strings, lists and maps; times in the province's zone. */
    static Object jsonValue(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof ZonedDateTime z) {
            return Times.iso(z.toInstant());
        }
        if (v instanceof OffsetDateTime o) {
            return Times.iso(o.toInstant());
        }
        if (v instanceof Instant i) {
            return Times.iso(i);
        }
        if (v instanceof LocalDateTime l) {
            return LOCAL.format(l);
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (v instanceof InetAddress a) {
            return a.getHostAddress();
        }
        if (v instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(jsonValue(o));
            }
            return out;
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(jsonValue(Array.get(v, i)));
            }
            return out;
        }
        if (v instanceof com.clickhouse.client.api.data_formats.internal.BinaryStreamReader.ArrayValue a) {
            return jsonValue(a.asList());
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), jsonValue(val)));
            return out;
        }
        return v.toString();
    }

    /** RFC 4180 CSV with a header line, UTF-8 with a byte-order mark so that spreadsheets read Vietnamese. */
    public static String csv(Result r) {
        StringBuilder sb = new StringBuilder("\uFEFF");
        List<String> header = r.columns().stream().map(Column::name).toList();
        Csv.line(sb, new ArrayList<>(header));
        for (List<Object> row : r.rows()) {
            List<Object> cells = new ArrayList<>(row.size());
            for (Object o : row) {
                cells.add(o instanceof Collection<?> || o instanceof Map<?, ?> ? String.valueOf(o) : o);
            }
            Csv.line(sb, cells);
        }
        return sb.toString();
    }
}
