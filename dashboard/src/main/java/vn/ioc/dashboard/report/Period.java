package vn.ioc.dashboard.report;

import vn.ioc.dashboard.ApiError;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A report's period: a week (Monday to Sunday), a month, a quarter, a year, or any range of days;
 * always whole local days, inclusive, and the previous period of the same kind to compare with.
 */
public record Period(Kind kind, LocalDate from, LocalDate to) {

    public enum Kind { WEEK, MONTH, QUARTER, YEAR, RANGE }

    public static Kind kind(String value) {
        try {
            return Kind.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "Parameter 'period' must be week, month, quarter, year or range; was '" + value + "'");
        }
    }

    /** The period of the given kind holding {@code day}. */
    public static Period containing(Kind kind, LocalDate day) {
        return switch (kind) {
            case WEEK -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new Period(kind, monday, monday.plusDays(6));
            }
            case MONTH -> new Period(kind, day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
            case QUARTER -> {
                LocalDate first = day.with(IsoFields.DAY_OF_QUARTER, 1);
                yield new Period(kind, first, first.plusMonths(3).minusDays(1));
            }
            case YEAR -> new Period(kind, day.withDayOfYear(1), day.with(TemporalAdjusters.lastDayOfYear()));
            case RANGE -> new Period(kind, day, day);
        };
    }

    public static Period range(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new ApiError(400, "'from' (" + from + ") is after 'to' (" + to + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) > 3660) {
            throw new ApiError(400, "A range is at most ten years");
        }
        return new Period(Kind.RANGE, from, to);
    }

    /** The period just before, of the same kind (a range: the same number of days, ending the day before). */
    public Period previous() {
        return switch (kind) {
            case WEEK -> new Period(kind, from.minusWeeks(1), to.minusWeeks(1));
            case MONTH -> containing(kind, from.minusMonths(1));
            case QUARTER -> containing(kind, from.minusMonths(3));
            case YEAR -> containing(kind, from.minusYears(1));
            case RANGE -> {
                long days = ChronoUnit.DAYS.between(from, to) + 1;
                yield new Period(kind, from.minusDays(days), from.minusDays(1));
            }
        };
    }

    /** "Tháng 03/2026", "Quý 1/2026", "Tuần 10/2026", "Năm 2026", "01/03/2026 – 15/03/2026". */
    public String labelVi() {
        return switch (kind) {
            case WEEK -> "Tuần " + from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + "/" + from.get(IsoFields.WEEK_BASED_YEAR)
                    + " (" + dmy(from) + " – " + dmy(to) + ")";
            case MONTH -> String.format("Tháng %02d/%d", from.getMonthValue(), from.getYear());
            case QUARTER -> "Quý " + from.get(IsoFields.QUARTER_OF_YEAR) + "/" + from.getYear();
            case YEAR -> "Năm " + from.getYear();
            case RANGE -> dmy(from) + " – " + dmy(to);
        };
    }

    private static String dmy(LocalDate d) {
        return String.format("%02d/%02d/%d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
    }
}
