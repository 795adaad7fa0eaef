package vn.ioc.infra.clickhouse;

import com.sun.net.httpserver.Headers;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a request to ClickHouse's HTTP interface asks for, read from the URL parameters and headers the way
 * ClickHouse reads them: {@code query}, {@code database}, {@code default_format}, {@code param_*}, credentials,
 * and every other parameter as a setting for this query.
 */
record HttpQueryRequest(String query, String database, String defaultFormat, String queryId,
                        String user, String password,
                        Map<String, String> parameters, Map<String, String> settings) {

    /** URL parameters that are part of the HTTP protocol, not settings. */
    private static final Set<String> PROTOCOL = Set.of("query", "database", "default_format", "query_id",
            "user", "password", "quota_key", "session_id", "session_timeout", "session_check", "stacktrace",
            "buffer_size", "wait_end_of_query", "compress", "decompress", "client_protocol_version", "role");

    /**
     * Settings that shape the HTTP transport only (progress headers, response compression, CORS...). This
     * server streams nothing and never compresses, so they change nothing here.
     */
    private static final Set<String> TRANSPORT = Set.of("send_progress_in_http_headers",
            "http_headers_progress_interval_ms", "enable_http_compression", "http_zlib_compression_level",
            "http_native_compression_disable_checksumming_on_decompress", "http_response_buffer_size",
            "http_wait_end_of_query", "add_http_cors_header", "cancel_http_readonly_queries_on_client_close",
            "http_write_exception_in_output_format", "http_response_headers");

    static HttpQueryRequest parse(String rawQuery, Headers headers) {
        Map<String, String> url = decode(rawQuery);
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        url.forEach((name, value) -> {
            if (name.startsWith("param_")) {
                parameters.put(name.substring("param_".length()), value);
            } else if (!PROTOCOL.contains(name) && !TRANSPORT.contains(name)) {
                settings.put(name, value);
            }
        });
        String database = firstNonEmpty(url.get("database"), headers.getFirst("X-ClickHouse-Database"), "default");
        String format = firstNonEmpty(url.get("default_format"), headers.getFirst("X-ClickHouse-Format"), "TabSeparated");
        String queryId = firstNonEmpty(url.get("query_id"), headers.getFirst("X-ClickHouse-Query-Id"),
                UUID.randomUUID().toString());

        String user = firstNonEmpty(headers.getFirst("X-ClickHouse-User"), url.get("user"), null);
        String password = firstNonEmpty(headers.getFirst("X-ClickHouse-Key"), url.get("password"), null);
        String authorization = headers.getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            user = colon < 0 ? decoded : decoded.substring(0, colon);
            password = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        return new HttpQueryRequest(url.getOrDefault("query", ""), database, format, queryId,
                user == null || user.isEmpty() ? "default" : user, password == null ? "" : password,
                parameters, settings);
    }

    private static Map<String, String> decode(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    private static String firstNonEmpty(String a, String b, String fallback) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        return b != null && !b.isEmpty() ? b : fallback;
    }
}
