package vn.ioc.dashboard.web;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTML pages, served by routes (not as static files) so that each passes the access check; their
 * scripts and styles are static under /assets and hold no data.
 */
public final class Pages {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Pages() {
    }

    public static void send(Context ctx, String page) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("text/html; charset=utf-8").result(CACHE.computeIfAbsent(page, Pages::read));
    }

    private static String read(String page) {
        try (InputStream in = Pages.class.getResourceAsStream("/pages/" + page)) {
            if (in == null) {
                throw new IllegalStateException("Missing page resource /pages/" + page);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small page saying why a request was refused, in both languages. */
    public static String refusal(int status, String message) {
        String title = status == 403 ? "Không có quyền truy cập / Access denied" : "Lỗi / Error " + status;
        return "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<link rel=\"stylesheet\" href=\"/assets/common.css\"></head><body class=\"page\"><main class=\"narrow\">"
                + "<h1>" + title + "</h1><p id=\"refusal\">" + escape(message) + "</p>"
                + "<p><a href=\"/\">Trang chủ / Home</a> · <a href=\"/login\">Đăng nhập / Sign in</a></p></main></body></html>";
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
