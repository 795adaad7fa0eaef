package vn.ioc.domain.catalog;

/** HOLIDAY: a weekday off. WORKDAY: a Saturday or Sunday made a working day by a swap. */
public enum CalendarDayKind {
    HOLIDAY, WORKDAY
}
