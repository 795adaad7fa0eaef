package vn.ioc.dashboard.admin;

import vn.ioc.dashboard.ApiError;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether an administration feature works in this deployment, and if not, why: the page disables
 * its button and says so, and the API refuses with the same reason (409).
 *
 * @param code   a stable name of the reason the page translates, e.g. KAFKA_NOT_CONFIGURED; null when available
 * @param reason the reason in English, naming the setting that would enable the feature
 */
public record Availability(boolean available, String code, String reason) {

    public static final Availability AVAILABLE = new Availability(true, null, null);

    public static Availability unavailable(String code, String reason) {
        return new Availability(false, code, reason);
    }

    /** Refuses the request when the feature is unavailable. */
    public void require() {
        if (!available) {
            throw new ApiError(409, code, reason, Map.of());
        }
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("available", available);
        m.put("code", code);
        m.put("reason", reason);
        return m;
    }
}
