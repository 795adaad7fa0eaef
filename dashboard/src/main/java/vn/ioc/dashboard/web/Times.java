package vn.ioc.dashboard.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The province's clock: every time a person reads is local (Asia/Ho_Chi_Minh); stored times are Instants. */
public final class Times {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private Times() {
    }

    /** ISO-8601 with the +07:00 offset, always with seconds and milliseconds; null stays null. */
    public static String iso(Instant t) {
        return t == null ? null : ISO.format(t.atZone(ZONE));
    }

    public static Instant startOfDay(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }

    public static LocalDate localDate(Instant t) {
        return t.atZone(ZONE).toLocalDate();
    }

    /** An instant from epoch milliseconds, null for null. */
    public static Instant ofMillis(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
