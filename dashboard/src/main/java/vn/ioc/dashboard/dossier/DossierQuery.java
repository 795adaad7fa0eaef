package vn.ioc.dashboard.dossier;

import vn.ioc.dashboard.ApiError;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * A dossier search: every filter optional. {@code units} null means every unit; {@code from..to}
 * bound the local date of receipt; {@code q} is part of the dossier code.
 */
public record DossierQuery(Set<String> units, String procedure, String status, String channel,
                           LocalDate from, LocalDate to, String q, int limit, int offset) {

    /** The statuses a search can ask for, and the condition each one means on the dossiers table. */
    static String statusCondition(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "open" -> "received AND end_at IS NULL";
            case "paused" -> "received AND end_at IS NULL AND pause_open";
            case "ended" -> "end_at IS NOT NULL";
            case "early" -> "timeliness = 'EARLY'";
            case "on_time" -> "timeliness = 'ON_TIME'";
            case "late" -> "timeliness = 'LATE'";
            case "withdrawn" -> "end_kind = 'WITHDRAWN'";
            case "stopped" -> "end_kind = 'STOPPED'";
            case "not_received" -> "NOT received";
            default -> throw new ApiError(400, "Parameter 'status' must be one of open, paused, ended, early, on_time, "
                    + "late, withdrawn, stopped, not_received; was '" + status + "'");
        };
    }

    static String channelValue(String channel) {
        String c = channel.toUpperCase(Locale.ROOT);
        if (!Set.of("COUNTER", "ONLINE", "POSTAL").contains(c)) {
            throw new ApiError(400, "Parameter 'channel' must be COUNTER, ONLINE or POSTAL; was '" + channel + "'");
        }
        return c;
    }
}
