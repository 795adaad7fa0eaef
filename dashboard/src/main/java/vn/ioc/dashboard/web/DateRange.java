package vn.ioc.dashboard.web;

import vn.ioc.dashboard.ApiError;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Inclusive local dates from..to: the period runs from {@code from} 00:00 to the day after {@code to} 00:00. */
public record DateRange(LocalDate from, LocalDate to) {

    public static DateRange checked(LocalDate from, LocalDate to, int maxDays) {
        if (from.isAfter(to)) {
            throw new ApiError(400, "'from' (" + from + ") is after 'to' (" + to + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > maxDays) {
            throw new ApiError(400, "The period " + from + ".." + to + " is longer than " + maxDays + " days");
        }
        return new DateRange(from, to);
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
