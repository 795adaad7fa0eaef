package vn.ioc.dashboard.web;

import io.javalin.http.Context;
import vn.ioc.dashboard.ApiError;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Query parameters read strictly: a bad value is a 400 that names the parameter, never a silent default. */
public final class Params {

    private Params() {
    }

    public static String optional(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public static LocalDate requiredDate(Context ctx, String name) {
        LocalDate d = optionalDate(ctx, name);
        if (d == null) {
            throw new ApiError(400, "Parameter '" + name + "' is required (YYYY-MM-DD)");
        }
        return d;
    }

    public static LocalDate optionalDate(Context ctx, String name) {
        String value = optional(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "Parameter '" + name + "' must be a date YYYY-MM-DD, was '" + value + "'");
        }
    }

    /** from..to, both required, from not after to, at most maxDays long. */
    public static DateRange range(Context ctx, int maxDays) {
        LocalDate from = requiredDate(ctx, "from");
        LocalDate to = requiredDate(ctx, "to");
        return DateRange.checked(from, to, maxDays);
    }

    /** An ISO-8601 instant with an offset or Z; a local date-time without offset is read in the province's zone. */
    public static Instant optionalInstant(Context ctx, String name) {
        String value = optional(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).atZone(Times.ZONE).toInstant();
            } catch (DateTimeParseException e2) {
                throw new ApiError(400, "Parameter '" + name + "' must be an ISO-8601 time such as "
                        + "2026-03-01T09:30:00+07:00, was '" + value + "'");
            }
        }
    }

    /** {@code true} or {@code false}; the default when absent. */
    public static boolean boolParam(Context ctx, String name, boolean defaultValue) {
        String value = optional(ctx, name);
        if (value == null) {
            return defaultValue;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new ApiError(400, "Parameter '" + name + "' must be true or false, was '" + value + "'");
        }
        return value.equals("true");
    }

    public static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
        String value = optional(ctx, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(value);
            if (v < min || v > max) {
                throw new ApiError(400, "Parameter '" + name + "' must be between " + min + " and " + max + ", was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "Parameter '" + name + "' must be a whole number, was '" + value + "'");
        }
    }
}
