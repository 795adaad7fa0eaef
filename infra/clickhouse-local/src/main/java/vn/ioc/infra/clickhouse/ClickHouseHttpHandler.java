package vn.ioc.infra.clickhouse;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * ClickHouse's HTTP interface in front of chDB: {@code /}, {@code /ping}, {@code /replicas_status}.
 *
 * <p>A query comes in the {@code query} URL parameter and/or the body, which ClickHouse reads as one text
 * ({@code query + "\n" + body}). When that text is an INSERT carrying data (FORMAT or VALUES), the data is
 * streamed into chDB's streaming-insert API chunk by chunk, never into a query string, whatever its size.
 */
final class ClickHouseHttpHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(ClickHouseHttpHandler.class);
    /** ClickHouse's max_query_size: a statement's text never needs more than this before its data starts. */
    private static final int HEAD_LIMIT = 256 * 1024;
    private static final int CHUNK = 1 << 20;
    private static final byte[] OK = "Ok.\n".getBytes(StandardCharsets.US_ASCII);

    private final ChdbEngine engine;
    private final Supplier<String> password;
    private final String displayName;

    ClickHouseHttpHandler(ChdbEngine engine, Supplier<String> password, String displayName) {
        this.engine = engine;
        this.password = password;
        this.displayName = displayName;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (path) {
                case "/ping", "/replicas_status" -> ok(exchange);
                case "/" -> {
                    if (method.equals("OPTIONS")) {
                        exchange.sendResponseHeaders(204, -1);
                    } else if ((method.equals("GET") || method.equals("HEAD"))
                            && (exchange.getRequestURI().getRawQuery() == null
                            || !exchange.getRequestURI().getRawQuery().contains("query="))) {
                        ok(exchange);
                    } else {
                        query(exchange);
                    }
                }
                default -> text(exchange, 404, "There is no handle " + path
                        + "\n\nUse / or /ping for health checks.\nOr /replicas_status for more sophisticated health checks."
                        + "\n\nSend queries from your program with POST method or GET /?query=...\n");
            }
        } catch (IOException e) {
            log.debug("HTTP exchange failed: {}", e.toString()); // typically the client went away
        } catch (RuntimeException e) {
            log.error("Unexpected failure serving {}", exchange.getRequestURI(), e);
        }
    }

    private void query(HttpExchange exchange) throws IOException {
        HttpQueryRequest request = HttpQueryRequest.parse(exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders());
        if (log.isDebugEnabled()) {
            log.debug("{} {} {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders().entrySet());
        }
        Headers out = exchange.getResponseHeaders();
        out.set("X-ClickHouse-Server-Display-Name", displayName);
        out.set("X-ClickHouse-Query-Id", request.queryId());
        out.set("X-ClickHouse-Timezone", engine.timezone());
        long started = System.nanoTime();
        try {
            authenticate(request);
            InputStream body = requestBody(exchange);
            boolean get = exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD");
            execute(exchange, request, body, get, started);
        } catch (ClickHouseException e) {
            drain(exchange.getRequestBody());
            error(exchange, e);
        } catch (RuntimeException e) {
            log.error("Query {} failed", request.queryId(), e);
            drain(exchange.getRequestBody());
            error(exchange, ClickHouseException.of(1001, "STD_EXCEPTION", String.valueOf(e.getMessage())));
        }
    }

    private void authenticate(HttpQueryRequest request) {
        String expected = password.get();
        if (!request.user().equals("default") || !request.password().equals(expected == null ? "" : expected)) {
            throw ClickHouseException.of(516, "AUTHENTICATION_FAILED", request.user()
                    + ": Authentication failed: password is incorrect, or there is no user with such name");
        }
    }

    private static InputStream requestBody(HttpExchange exchange) throws IOException {
        InputStream body = exchange.getRequestBody();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding == null || encoding.isEmpty() || encoding.equalsIgnoreCase("identity")) {
            return body;
        }
        return switch (encoding.toLowerCase(Locale.ROOT)) {
            case "gzip" -> new GZIPInputStream(body, 64 * 1024);
            case "deflate" -> new InflaterInputStream(body);
            default -> throw ClickHouseException.of(48, "NOT_IMPLEMENTED",
                    "Content-Encoding " + encoding + " is not supported by this server; send the body uncompressed");
        };
    }

    private void execute(HttpExchange exchange, HttpQueryRequest request, InputStream body, boolean get,
                         long started) throws IOException {
        // The statement is the URL query, a line break, then the body: read enough of it to know its kind.
        byte[] url = request.query().getBytes(StandardCharsets.UTF_8);
        byte[] head = body.readNBytes(HEAD_LIMIT);
        boolean moreBody = head.length == HEAD_LIMIT;
        byte[] text = concat(url, url.length > 0 && head.length > 0 ? new byte[]{'\n'} : new byte[0], head);

        // Latin-1 keeps one char per byte, so offsets found in the text are byte offsets into the data.
        SqlText.InsertWithData insert = SqlText.insertWithData(new String(text, StandardCharsets.ISO_8859_1));

        String settingsKey = settingsKey(request, get);
        ChdbConnection connection = engine.borrow(settingsKey);
        boolean healthy = true;
        try {
            if (connection.settingsKey() == null) {
                healthy = false; // a connection whose settings failed half-way is not reused
                applySettings(connection, request, get);
                connection.configured(settingsKey);
                healthy = true;
            }
            connection.use(request.database());
            if (insert != null) {
                healthy = false; // a connection that failed mid-stream is not reused
                String statement = new String(insert.statement().getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
                QueryStats stats = streamInsert(connection, request, insert, statement,
                        Arrays.copyOfRange(text, Math.min(insert.dataOffset(), text.length), text.length),
                        moreBody ? body : InputStream.nullInputStream());
                healthy = true;
                respond(exchange, request, request.defaultFormat(), stats.withElapsed(System.nanoTime() - started), null);
                return;
            }
            String sql = new String(moreBody ? concat(text, body.readAllBytes()) : text, StandardCharsets.UTF_8);
            if (sql.isBlank()) {
                throw ClickHouseException.of(62, "SYNTAX_ERROR", "Empty query");
            }
            String format = SqlText.outputFormat(sql);
            try (ChdbResult result = connection.query(sql, request.defaultFormat(), request.parameters()).orThrow()) {
                if (SqlText.firstKeyword(sql).equals("USE")) {
                    connection.forgetDatabase();
                }
                respond(exchange, request, format != null ? format : request.defaultFormat(),
                        result.stats().withElapsed(System.nanoTime() - started), result);
            }
        } finally {
            engine.release(connection, healthy);
        }
    }

    private static QueryStats streamInsert(ChdbConnection connection, HttpQueryRequest request,
                                           SqlText.InsertWithData insert, String statement,
                                           byte[] inline, InputStream rest) throws IOException {
        try (ChdbInsertStream stream = connection.insert(statement, insert.format(), request.parameters())) {
            stream.append(inline, inline.length);
            byte[] chunk = new byte[CHUNK];
            int n;
            while ((n = rest.readNBytes(chunk, 0, chunk.length)) > 0) {
                stream.append(chunk, n);
            }
            return stream.finish();
        }
    }

    /** What identifies the session settings a request needs: its settings in order of name, and GET's read-only. */
    static String settingsKey(HttpQueryRequest request, boolean get) {
        StringBuilder key = new StringBuilder(get ? "GET" : "");
        new java.util.TreeMap<>(request.settings()).forEach((name, value) ->
                key.append('\n').append(name).append('=').append(value));
        return key.toString();
    }

    /**
     * Settings given as URL parameters hold for this query only: they are applied to a connection that only
     * serves requests with exactly these settings (ChdbEngine's pools). readonly is
     * set last because readonly=1 forbids changing settings; a GET is read-only (readonly=2), as in ClickHouse.
     */
    private static void applySettings(ChdbConnection connection, HttpQueryRequest request, boolean get) {
        String readonly = null;
        for (Map.Entry<String, String> setting : request.settings().entrySet()) {
            if (setting.getKey().equals("readonly")) {
                readonly = setting.getValue();
            } else {
                connection.execute("SET " + SqlText.quoteIdentifier(setting.getKey()) + " = "
                        + SqlText.quoteString(setting.getValue()));
            }
        }
        if (get && (readonly == null || readonly.equals("0"))) {
            readonly = "2";
        }
        if (readonly != null) {
            connection.execute("SET readonly = " + SqlText.quoteString(readonly));
        }
    }

    private void respond(HttpExchange exchange, HttpQueryRequest request, String format, QueryStats stats,
                         ChdbResult result) throws IOException {
        Headers out = exchange.getResponseHeaders();
        out.set("Content-Type", ContentTypes.of(format));
        out.set("X-ClickHouse-Format", format);
        out.set("X-ClickHouse-Summary", stats.toSummaryJson());
        long length = result == null ? 0 : result.length();
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, length == 0 || head ? -1 : length);
        if (length > 0 && !head) {
            try (OutputStream body = exchange.getResponseBody()) {
                result.writeTo(body);
            }
        }
    }

    private void error(HttpExchange exchange, ClickHouseException e) throws IOException {
        String message = e.getMessage();
        if (!message.contains("(version ")) {
            message = message + " (version " + engine.version() + ")";
        }
        Headers out = exchange.getResponseHeaders();
        out.set("X-ClickHouse-Exception-Code", String.valueOf(e.code()));
        text(exchange, HttpStatuses.of(e.codeName()), message + "\n");
    }

    private static void ok(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
        exchange.sendResponseHeaders(200, exchange.getRequestMethod().equals("HEAD") ? -1 : OK.length);
        if (!exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseBody().write(OK);
        }
    }

    private static void text(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void drain(InputStream in) {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the client is gone; nothing to keep alive
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
