package vn.ioc.dashboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import vn.ioc.dashboard.ApiError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON object sent as a request body, read strictly like {@link Params}: a field of the wrong type
 * or a field the endpoint does not know (a typo would otherwise be ignored) is a 400 naming it. The
 * body must be sent as {@code application/json}, which a page of another site cannot send without
 * the browser asking this server first (and it never agrees).
 */
public final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    /** The body, which may hold only the given fields. */
    public static JsonBody read(Context ctx, Set<String> fields) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json)", Map.of());
        }
        JsonNode node;
        try {
            node = JSON.readTree(ctx.bodyAsBytes());
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "BAD_JSON", "The body is not JSON: " + e.getOriginalMessage(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw new ApiError(400, "BAD_JSON", "The body must be a JSON object", Map.of());
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiError.badField("UNKNOWN_FIELD", name, "unknown field; this request takes " + String.join(", ", new TreeSet<>(fields)));
            }
        }
        return new JsonBody(node);
    }

    /** Whether the field was sent (even as null). */
    public boolean has(String field) {
        return node.has(field);
    }

    /** A text field, trimmed; null when absent, null or blank. */
    public String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.badField("BAD_FIELD", field, "must be a string");
        }
        String s = v.textValue().trim();
        return s.isEmpty() ? null : s;
    }

    public String requiredText(String field) {
        String s = text(field);
        if (s == null) {
            throw ApiError.badField("MISSING_FIELD", field, "is required");
        }
        return s;
    }

    /** A text field exactly as sent, spaces included (a password); null when absent or null. */
    public String raw(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.badField("BAD_FIELD", field, "must be a string");
        }
        return v.textValue();
    }

    /** A boolean field; null when absent. */
    public Boolean bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw ApiError.badField("BAD_FIELD", field, "must be true or false");
        }
        return v.booleanValue();
    }

    /** An array of strings; null when absent. */
    public List<String> texts(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw ApiError.badField("BAD_FIELD", field, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw ApiError.badField("BAD_FIELD", field, "must be an array of strings");
            }
            out.add(item.textValue());
        }
        return out;
    }
}
