package vn.ioc.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the API refuses, with the HTTP status and a message a person can act on. A refusal a
 * page has to explain in the reader's language also carries a stable {@code code} (the page
 * translates it; the message stays English for API clients and logs) and details such as the
 * {@code field} of a form or the {@code line} of a file.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiError(int status, String message) {
        this(status, null, message, Map.of());
    }

    public ApiError(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    /** A 400 about one field of a request body: the message names it, and so does {@code field}. */
    public static ApiError badField(String code, String field, String message) {
        return new ApiError(400, code, "Field '" + field + "': " + message, Map.of("field", field));
    }

    public int status() {
        return status;
    }

    /** The answer's JSON: {@code {"error": message}}, plus {@code code} and the details when there are some. */
    public Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", getMessage());
        if (code != null) {
            m.put("code", code);
        }
        m.putAll(details);
        return m;
    }
}
