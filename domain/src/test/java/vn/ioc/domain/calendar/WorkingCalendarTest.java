package vn.ioc.domain.calendar;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import vn.ioc.domain.catalog.CalendarDay;
import vn.ioc.domain.catalog.CalendarDayKind;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ioc.domain.rules.History.t;

class WorkingCalendarTest {

    private final WorkingCalendar plain = new WorkingCalendar(List.of());

    /** Tết Ất Tỵ 2025: off Sat 25 Jan to Sun 2 Feb; Mon 27 Jan swapped with Sat 8 Feb. */
    static final WorkingCalendar TET_2025 = new WorkingCalendar(List.of(
            new CalendarDay(LocalDate.of(2025, 1, 27), CalendarDayKind.HOLIDAY, "Nghỉ bù (hoán đổi 8/2)"),
            new CalendarDay(LocalDate.of(2025, 1, 28), CalendarDayKind.HOLIDAY, "Tết Nguyên đán"),
            new CalendarDay(LocalDate.of(2025, 1, 29), CalendarDayKind.HOLIDAY, "Tết Nguyên đán"),
            new CalendarDay(LocalDate.of(2025, 1, 30), CalendarDayKind.HOLIDAY, "Tết Nguyên đán"),
            new CalendarDay(LocalDate.of(2025, 1, 31), CalendarDayKind.HOLIDAY, "Tết Nguyên đán"),
            new CalendarDay(LocalDate.of(2025, 2, 8), CalendarDayKind.WORKDAY, "Làm bù cho 27/1")));

    @Test
    void fridayAfternoonWithOneDayIsDueMondayAtTheSameHour() {
        // 1 hour on Friday, 7 on Monday; counting calendar days would give Saturday.
        assertThat(plain.dueAfter(t("2025-06-06T16:00"), 1)).isEqualTo(t("2025-06-09T16:00"));
    }

    @Test
    void saturdayReceiptStartsMondayMorningAndEndsAtTheWindowEnd() {
        // Ends exactly at 17:00 Monday, not at 07:00 Tuesday.
        assertThat(plain.dueAfter(t("2025-06-07T10:00"), 1)).isEqualTo(t("2025-06-09T17:00"));
    }

    @Test
    void lunchReceiptStartsAtTheAfternoonWindowAndEndsAtTheMorningWindowEnd() {
        // Tue 13:30-17:00 (3.5h), Wed 8h, Thu 07:00-11:30 (4.5h): not Thu 13:30.
        assertThat(plain.dueAfter(t("2025-06-03T12:00"), 2)).isEqualTo(t("2025-06-05T11:30"));
    }

    @Test
    void receiptAfterFivePmCountsFromTheNextWorkingMorning() {
        assertThat(plain.dueAfter(t("2025-06-03T17:30"), 1)).isEqualTo(t("2025-06-04T17:00"));
        assertThat(plain.dueAfter(t("2025-06-03T17:00"), 1)).isEqualTo(t("2025-06-04T17:00"));
        // Friday evening: the next working morning is Monday.
        assertThat(plain.dueAfter(t("2025-06-06T21:00"), 1)).isEqualTo(t("2025-06-09T17:00"));
    }

    @Test
    void receiptBeforeOfficeHoursStartsAtSeven() {
        assertThat(plain.dueAfter(t("2025-06-03T05:00"), 1)).isEqualTo(t("2025-06-03T17:00"));
    }

    @Test
    void dueSkipsTetHolidays() {
        // Fri 24 Jan 15:00, 16h: 2h Friday, then nothing until Mon 3 Feb (8h), Tue 4 Feb 6h -> 15:00.
        assertThat(TET_2025.dueAfter(t("2025-01-24T15:00"), 2)).isEqualTo(t("2025-02-04T15:00"));
        // Without the holidays it would be Tue 28 Jan 15:00.
        assertThat(plain.dueAfter(t("2025-01-24T15:00"), 2)).isEqualTo(t("2025-01-28T15:00"));
    }

    @Test
    void swappedSaturdayIsAWorkingDay() {
        assertThat(TET_2025.dueAfter(t("2025-02-07T15:00"), 1)).isEqualTo(t("2025-02-08T15:00"));
        assertThat(plain.dueAfter(t("2025-02-07T15:00"), 1)).isEqualTo(t("2025-02-10T15:00"));
        assertThat(TET_2025.isWorkingDay(LocalDate.of(2025, 2, 8))).isTrue();
        assertThat(TET_2025.isWorkingDay(LocalDate.of(2025, 2, 9))).isFalse();
        assertThat(TET_2025.isWorkingDay(LocalDate.of(2025, 1, 27))).isFalse();
        assertThat(TET_2025.nextWorkingDay(LocalDate.of(2025, 1, 24))).isEqualTo(LocalDate.of(2025, 2, 3));
        assertThat(TET_2025.nextWorkingDay(LocalDate.of(2025, 2, 7))).isEqualTo(LocalDate.of(2025, 2, 8));
    }

    @Test
    void receiptOnAWeekdayHolidayStartsOnTheNextWorkingDay() {
        // Tue 28 Jan 2025 is Tết: nothing counts until Mon 3 Feb 07:00, 8h -> 17:00.
        assertThat(TET_2025.dueAfter(t("2025-01-28T10:00"), 1)).isEqualTo(t("2025-02-03T17:00"));
    }

    @Test
    void receiptOnASwappedSaturdayCountsFromThatMoment() {
        // Sat 8 Feb 2025 is a WORKDAY: 10:00-11:30 (1.5h) + 13:30-17:00 (3.5h) = 5h, Mon 10 Feb 07:00 + 3h = 10:00.
        assertThat(TET_2025.dueAfter(t("2025-02-08T10:00"), 1)).isEqualTo(t("2025-02-10T10:00"));
    }

    /**
     * Against a minute-by-minute walk: the due is the first instant by which N x 480 working minutes
     * have passed since the receipt (so a walk ending at a window's end ends there), and the working
     * time between two instants is the number of working minutes between them.
     */
    @Property(tries = 300)
    void dueAndWorkingTimeAgreeWithAMinuteByMinuteWalk(@ForAll long seed) {
        Random r = new Random(seed);
        WorkingCalendar calendar = vn.ioc.domain.rules.RandomHistories.CALENDAR;
        LocalDate day = LocalDate.of(2025, 6, 1).plusDays(r.nextInt(25));
        LocalDateTime receipt = r.nextInt(3) == 0
                ? day.atTime(List.of(LocalTime.MIDNIGHT, LocalTime.of(7, 0), LocalTime.of(11, 30), LocalTime.of(13, 30),
                LocalTime.of(17, 0)).get(r.nextInt(5)))
                : day.atTime(r.nextInt(24), r.nextInt(60));
        int n = 1 + r.nextInt(5);

        LocalDateTime minute = receipt;
        long worked = 0;
        while (worked < n * 480L) {
            if (isWorkingMinute(calendar, minute)) {
                worked++;
            }
            minute = minute.plusMinutes(1);
        }
        assertThat(calendar.dueAfter(local(receipt), n)).isEqualTo(local(minute));

        LocalDateTime until = receipt.plusMinutes(r.nextInt(20_000));
        long minutes = 0;
        for (LocalDateTime m = receipt; m.isBefore(until); m = m.plusMinutes(1)) {
            if (isWorkingMinute(calendar, m)) {
                minutes++;
            }
        }
        assertThat(calendar.workingTimeBetween(local(receipt), local(until))).isEqualTo(Duration.ofMinutes(minutes));
    }

    private static boolean isWorkingMinute(WorkingCalendar calendar, LocalDateTime m) {
        if (!calendar.isWorkingDay(m.toLocalDate())) {
            return false;
        }
        for (WorkingWindow w : calendar.windows()) {
            if (!m.toLocalTime().isBefore(w.start()) && m.toLocalTime().isBefore(w.end())) {
                return true;
            }
        }
        return false;
    }

    private static Instant local(LocalDateTime t) {
        return t.atZone(WorkingCalendar.ZONE).toInstant();
    }

    @Test
    void workingTimeCountsOnlyWindowsOfWorkingDays() {
        assertThat(plain.workingTimeBetween(t("2025-06-06T16:00"), t("2025-06-09T16:00"))).isEqualTo(Duration.ofHours(8));
        assertThat(plain.workingTimeBetween(t("2025-06-03T11:00"), t("2025-06-03T14:00"))).isEqualTo(Duration.ofHours(1));
        assertThat(TET_2025.workingTimeBetween(t("2025-01-24T07:00"), t("2025-02-04T07:00"))).isEqualTo(Duration.ofHours(16));
        assertThat(plain.workingTimeBetween(t("2025-06-04T10:00"), t("2025-06-03T10:00"))).isZero();
    }

    @Test
    void localDateIsTheProvinceDateNotTheUtcDate() {
        Instant earlyMorning = t("2025-06-06T01:00+07:00"); // 2025-06-05T18:00Z
        assertThat(WorkingCalendar.localDate(earlyMorning)).isEqualTo(LocalDate.of(2025, 6, 6));
        assertThat(WorkingCalendar.startOfDay(LocalDate.of(2025, 6, 6))).isEqualTo(Instant.parse("2025-06-05T17:00:00Z"));
    }

    @Test
    void customWindowsAreHonoured() {
        WorkingCalendar morningsOnly = new WorkingCalendar(List.of(),
                List.of(new WorkingWindow(LocalTime.of(8, 0), LocalTime.of(12, 0))));
        // 8 hours of 4-hour mornings: two mornings.
        assertThat(morningsOnly.dueAfter(t("2025-06-03T13:00"), 1)).isEqualTo(t("2025-06-05T12:00"));
    }
}
