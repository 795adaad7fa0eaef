package vn.ioc.domain.calendar;

import vn.ioc.domain.catalog.CalendarDay;
import vn.ioc.domain.catalog.CalendarDayKind;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

/**
 * The province's working time: which local days are working days and which hours of them count.
 * Working days are weekdays not listed as HOLIDAY, plus weekend dates listed as WORKDAY (swaps).
 * All arithmetic is done in local time of Asia/Ho_Chi_Minh, which has no daylight saving.
 */
public final class WorkingCalendar implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /** 07:00-11:30 and 13:30-17:00: 8 hours a day. */
    public static final List<WorkingWindow> DEFAULT_WINDOWS = List.of(
            new WorkingWindow(LocalTime.of(7, 0), LocalTime.of(11, 30)),
            new WorkingWindow(LocalTime.of(13, 30), LocalTime.of(17, 0)));

    /** A statutory working day is 8 working hours, whatever the windows. */
    public static final Duration WORKING_DAY = Duration.ofHours(8);

    private final HashMap<LocalDate, CalendarDayKind> listedDays = new HashMap<>();
    private final ArrayList<WorkingWindow> windows;

    public WorkingCalendar(Collection<CalendarDay> days) {
        this(days, DEFAULT_WINDOWS);
    }

    public WorkingCalendar(Collection<CalendarDay> days, List<WorkingWindow> windows) {
        for (CalendarDay day : days) {
            listedDays.put(day.date(), day.kind());
        }
        this.windows = new ArrayList<>(windows);
        this.windows.sort(Comparator.comparing(WorkingWindow::start));
        if (this.windows.isEmpty()) {
            throw new IllegalArgumentException("a working calendar needs at least one working window");
        }
        for (int i = 1; i < this.windows.size(); i++) {
            if (this.windows.get(i).start().isBefore(this.windows.get(i - 1).end())) {
                throw new IllegalArgumentException("working windows overlap: " + this.windows);
            }
        }
    }

    public List<WorkingWindow> windows() {
        return List.copyOf(windows);
    }

    public boolean isWorkingDay(LocalDate date) {
        CalendarDayKind listed = listedDays.get(date);
        if (listed != null) {
            return listed == CalendarDayKind.WORKDAY;
        }
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /** The first working day strictly after {@code date}. */
    public LocalDate nextWorkingDay(LocalDate date) {
        LocalDate d = date.plusDays(1);
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /**
     * The due instant of a dossier received at {@code receivedAt} for a procedure of
     * {@code workingDays} statutory working days: N x 8 working hours walked through the windows of
     * working days. A receipt outside a window starts at the next window's start; a walk that ends
     * exactly at a window's end ends there (not at the next window's start). With N = 0 the due is
     * the receipt, or the next window's start when received outside office hours.
     */
    public Instant dueAfter(Instant receivedAt, int workingDays) {
        Duration remaining = WORKING_DAY.multipliedBy(Math.max(0, workingDays));
        LocalDateTime received = LocalDateTime.ofInstant(receivedAt, ZONE);
        LocalDate day = received.toLocalDate();
        LocalTime from = received.toLocalTime();
        while (true) {
            if (isWorkingDay(day)) {
                for (WorkingWindow w : windows) {
                    if (!from.isBefore(w.end())) {
                        continue;
                    }
                    LocalTime start = from.isAfter(w.start()) ? from : w.start();
                    Duration available = Duration.between(start, w.end());
                    if (remaining.compareTo(available) <= 0) {
                        return day.atTime(start).plus(remaining).atZone(ZONE).toInstant();
                    }
                    remaining = remaining.minus(available);
                }
            }
            day = day.plusDays(1);
            from = LocalTime.MIDNIGHT;
        }
    }

    /** Working time (inside the windows of working days) between two instants; zero when to <= from. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        LocalDateTime a = LocalDateTime.ofInstant(from, ZONE);
        LocalDateTime b = LocalDateTime.ofInstant(to, ZONE);
        Duration total = Duration.ZERO;
        for (LocalDate day = a.toLocalDate(); !day.isAfter(b.toLocalDate()); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (WorkingWindow w : windows) {
                LocalDateTime start = later(day.atTime(w.start()), a);
                LocalDateTime end = earlier(day.atTime(w.end()), b);
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /** The local calendar date (Asia/Ho_Chi_Minh) of an instant. */
    public static LocalDate localDate(Instant t) {
        return LocalDate.ofInstant(t, ZONE);
    }

    /** Local midnight at the start of {@code date}, as an instant. */
    public static Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    private static LocalDateTime later(LocalDateTime x, LocalDateTime y) {
        return x.isAfter(y) ? x : y;
    }

    private static LocalDateTime earlier(LocalDateTime x, LocalDateTime y) {
        return x.isBefore(y) ? x : y;
    }
}
