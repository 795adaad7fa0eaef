package vn.ioc.domain.catalog;

import java.io.Reader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the calendar catalog: the exceptions to "Monday to Friday are working days". HOLIDAY lines
 * must fall on a weekday (a holiday on a weekend changes nothing; the day off it gives is listed
 * as its own HOLIDAY), WORKDAY lines on a Saturday or Sunday (a swapped working day).
 */
public final class CalendarCatalog {

    /** The header a calendar CSV must start with. */
    public static final List<String> HEADER = List.of("date", "kind", "name");

    private CalendarCatalog() {
    }

    /** The days of the file sorted by date; {@code name} is used in error messages. */
    public static List<CalendarDay> parseCsv(String name, Reader reader) {
        List<CalendarDay> days = new ArrayList<>();
        Map<LocalDate, Integer> lines = new HashMap<>();
        for (CsvTable.Row row : CsvTable.read(name, reader, HEADER)) {
            LocalDate date = row.requiredDate("date");
            CalendarDayKind kind = row.enumValue("kind", CalendarDayKind.class);
            boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (kind == CalendarDayKind.HOLIDAY && weekend) {
                throw row.error("kind", date + " is a " + date.getDayOfWeek()
                        + ": a HOLIDAY must be a weekday (list the compensating weekday instead)");
            }
            if (kind == CalendarDayKind.WORKDAY && !weekend) {
                throw row.error("kind", date + " is a " + date.getDayOfWeek() + ": a WORKDAY must be a Saturday or Sunday");
            }
            Integer first = lines.putIfAbsent(date, row.line());
            if (first != null) {
                throw row.error("date", "duplicate date " + date + ", first listed at line " + first);
            }
            days.add(new CalendarDay(date, kind, row.get("name")));
        }
        days.sort(Comparator.comparing(CalendarDay::date));
        return List.copyOf(days);
    }
}
