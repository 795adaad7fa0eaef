package vn.ioc.domain.catalog;

import java.io.Serializable;
import java.time.LocalDate;

/** One line of the calendar catalog. */
public record CalendarDay(LocalDate date, CalendarDayKind kind, String name) implements Serializable {
}
