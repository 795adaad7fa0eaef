package vn.ioc.domain.rules;

import org.junit.jupiter.api.Test;
import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.catalog.CalendarDay;
import vn.ioc.domain.catalog.CalendarDayKind;
import vn.ioc.domain.event.Channel;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ioc.domain.rules.History.t;

class DossierRulesTest {

    @Test
    void endingOnTheDueDayIsOnTimeWhateverTheHour() {
        // Before the due instant but on its day: on time, not early.
        DossierState morning = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .completed("2025-06-16T08:00", false).evaluate();
        assertThat(morning.timeliness()).isEqualTo(Timeliness.ON_TIME);
        // After the due instant but on its day: still on time, not late.
        DossierState evening = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .completed("2025-06-16T17:30", false).evaluate();
        assertThat(evening.timeliness()).isEqualTo(Timeliness.ON_TIME);
    }

    @Test
    void datesAreLocalNotUtc() {
        // 6 Jun 06:00 local is 5 Jun 23:00 UTC: on the UTC date it would be on time.
        DossierState lateLocally = History.of("D").received("2025-06-02T08:00", "U", "2025-06-05T17:00")
                .completed("2025-06-06T06:00", false).evaluate();
        assertThat(lateLocally.timeliness()).isEqualTo(Timeliness.LATE);
        // Due 6 Jun 06:30 local (5 Jun 23:30 UTC), ended 5 Jun 20:00 local (13:00 UTC): same UTC date, earlier local date.
        DossierState earlyLocally = History.of("D").received("2025-06-02T08:00", "U", "2025-06-06T06:30")
                .completed("2025-06-05T20:00", false).evaluate();
        assertThat(earlyLocally.timeliness()).isEqualTo(Timeliness.EARLY);
    }

    @Test
    void aPauseExtendsTheDueByItsCalendarLengthAcrossAWeekend() {
        DossierState s = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-13T16:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2025-06-16T08:00")
                .completed("2025-06-18T10:00", false).evaluate();
        // 2 days 16 hours of calendar time; the 2 working hours inside would only reach 17 Jun.
        assertThat(s.effectiveDueAt()).isEqualTo(t("2025-06-19T09:00"));
        assertThat(s.timeliness()).isEqualTo(Timeliness.EARLY);
        assertThat(s.pauses()).containsExactly(new Pause(t("2025-06-13T16:00"), t("2025-06-16T08:00")));
        // 50 working hours from receipt to end, minus 2 inside the pause: 6 working days.
        assertThat(s.processingWorkingSeconds()).isEqualTo(48 * 3600L);
    }

    @Test
    void twoSupplementRequestsMakeItLateEvenWhenEndedEarly() {
        DossierState s = History.of("D").received("2025-06-10T08:00", "U", "2025-06-20T17:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-11T09:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2025-06-11T10:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-12T09:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2025-06-12T10:00")
                .completed("2025-06-13T10:00", false).evaluate();
        assertThat(s.supplementRequests()).isEqualTo(2);
        assertThat(s.timeliness()).isEqualTo(Timeliness.LATE);
    }

    @Test
    void aSecondRequestWhilePausedDoesNotStopTheClockTwice() {
        DossierState s = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-11T09:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-11T10:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2025-06-12T09:00").evaluate();
        assertThat(s.pauses()).containsExactly(new Pause(t("2025-06-11T09:00"), t("2025-06-12T09:00")));
        assertThat(s.effectiveDueAt()).isEqualTo(t("2025-06-17T17:00"));
        assertThat(s.supplementRequests()).isEqualTo(2);
    }

    @Test
    void aPauseOpenAtTheEndIsJudgedByWhenItOpened() {
        // Paused 13 Jun, before the 16 Jun due; stopped 23 Jun while still waiting for the citizen.
        DossierState s = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-13T10:00")
                .event(EventType.STOPPED, "2025-06-23T09:00").evaluate();
        assertThat(s.timeliness()).isEqualTo(Timeliness.EARLY);
        assertThat(s.effectiveDueAt()).isEqualTo(t("2025-06-16T17:00"));
        assertThat(s.pauses()).containsExactly(new Pause(t("2025-06-13T10:00"), null));
        assertThat(s.endKind()).isEqualTo(EndKind.STOPPED);
        assertThat(s.completed()).isFalse();
        // The open pause is not subtracted: 10 Jun 08:00 to 23 Jun 09:00 = 7 + 8*8 + 2 hours.
        assertThat(s.processingWorkingSeconds()).isEqualTo((7 + 64 + 2) * 3600L);
    }

    @Test
    void aPauseClosedAfterTheEndDoesNotMoveTheDue() {
        DossierState s = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-13T10:00")
                .event(EventType.STOPPED, "2025-06-23T09:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2025-06-24T09:00").evaluate();
        assertThat(s.effectiveDueAt()).isEqualTo(t("2025-06-16T17:00"));
        assertThat(s.timeliness()).isEqualTo(Timeliness.EARLY);
    }

    @Test
    void withdrawalEndsWithoutClass() {
        DossierState s = History.of("D").received("2025-06-03T16:45", "U", "2025-06-06T16:45")
                .event(EventType.WITHDRAWN, "2025-06-09T09:00").evaluate();
        assertThat(s.withdrawn()).isTrue();
        assertThat(s.endKind()).isEqualTo(EndKind.WITHDRAWN);
        assertThat(s.endAt()).isEqualTo(t("2025-06-09T09:00"));
        // Past its due, yet neither late nor anything else.
        assertThat(s.timeliness()).isNull();
        assertThat(s.processingWorkingSeconds()).isNull();
        assertThat(s.completed()).isFalse();
    }

    @Test
    void returnedEndsTheDossierOnlyWithoutCompletedOrStopped() {
        DossierState returnedThenCompleted = History.of("D").received("2025-06-02T08:00", "U", "2025-06-06T17:00")
                .event(EventType.RETURNED, "2025-06-04T09:00")
                .completed("2025-06-09T09:00", true).evaluate();
        assertThat(returnedThenCompleted.endAt()).isEqualTo(t("2025-06-09T09:00"));
        assertThat(returnedThenCompleted.endKind()).isEqualTo(EndKind.COMPLETED);
        assertThat(returnedThenCompleted.timeliness()).isEqualTo(Timeliness.LATE);

        DossierState onlyReturned = History.of("D").received("2025-06-02T08:00", "U", "2025-06-06T17:00")
                .event(EventType.RETURNED, "2025-06-04T09:00")
                .event(EventType.WITHDRAWN, "2025-06-05T09:00").evaluate();
        assertThat(onlyReturned.endKind()).isEqualTo(EndKind.RETURNED);
        assertThat(onlyReturned.withdrawn()).isFalse();
        assertThat(onlyReturned.completed()).isTrue();
        assertThat(onlyReturned.timeliness()).isEqualTo(Timeliness.EARLY);

        DossierState completedThenWithdrawn = History.of("D").received("2025-06-02T08:00", "U", "2025-06-06T17:00")
                .completed("2025-06-04T09:00", false)
                .event(EventType.WITHDRAWN, "2025-06-05T09:00").evaluate();
        assertThat(completedThenWithdrawn.endKind()).isEqualTo(EndKind.COMPLETED);
        assertThat(completedThenWithdrawn.withdrawn()).isFalse();
    }

    @Test
    void anApologyDoesNotMoveTheDue() {
        // Due Mon 16 Jun 17:00; the letter promises Wed 25 Jun. Completed Fri 20 Jun: 20 > 16, late
        // (judged against the letter's date it would be early).
        DossierState s = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .apology("2025-06-16T10:00", "2025-06-25T17:00")
                .completed("2025-06-20T10:00", false).evaluate();
        assertThat(s.newDueAt()).isEqualTo(t("2025-06-25T17:00"));
        assertThat(s.effectiveDueAt()).isEqualTo(t("2025-06-16T17:00"));
        assertThat(s.timeliness()).isEqualTo(Timeliness.LATE);
        // Still open, it is overdue from the end of 17 Jun whatever the letter promised.
        DossierState open = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .apology("2025-06-16T10:00", "2025-06-25T17:00").evaluate();
        assertThat(open.isOverdueAtEndOf(LocalDate.of(2025, 6, 17))).isTrue();
    }

    @Test
    void supplementRequestsAfterTheEndDoNotChangeTheClass() {
        // One request (1h pause) before the end, one after it. Counting both would make it late; by the end
        // there was one: effective due 16 Jun 17:00 + 1h = 16 Jun 18:00, ended 12 Jun: early.
        DossierState s = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-11T09:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2025-06-11T10:00")
                .completed("2025-06-12T10:00", false)
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-13T09:00").evaluate();
        assertThat(s.supplementRequests()).isEqualTo(2);
        assertThat(s.effectiveDueAt()).isEqualTo(t("2025-06-16T18:00"));
        assertThat(s.timeliness()).isEqualTo(Timeliness.EARLY);
    }

    @Test
    void theEarliestReturnedEndsADossierWithoutCompletedOrStopped() {
        // Due Fri 6 Jun. Returned 5 Jun and again 9 Jun: the end is the first, 5 Jun, early
        // (the last one would make it late).
        DossierState twice = History.of("D").received("2025-06-02T08:00", "U", "2025-06-06T17:00")
                .event(EventType.RETURNED, "2025-06-09T09:00")
                .event(EventType.RETURNED, "2025-06-05T09:00").evaluate();
        assertThat(twice.endAt()).isEqualTo(t("2025-06-05T09:00"));
        assertThat(twice.endKind()).isEqualTo(EndKind.RETURNED);
        assertThat(twice.timeliness()).isEqualTo(Timeliness.EARLY);

        // A STOPPED anywhere in the history, even after the RETURNED, takes the end: 9 Jun, late, not completed.
        DossierState returnedThenStopped = History.of("D").received("2025-06-02T08:00", "U", "2025-06-06T17:00")
                .event(EventType.RETURNED, "2025-06-04T09:00")
                .event(EventType.STOPPED, "2025-06-09T09:00").evaluate();
        assertThat(returnedThenStopped.endKind()).isEqualTo(EndKind.STOPPED);
        assertThat(returnedThenStopped.endAt()).isEqualTo(t("2025-06-09T09:00"));
        assertThat(returnedThenStopped.timeliness()).isEqualTo(Timeliness.LATE);
        assertThat(returnedThenStopped.completed()).isFalse();
    }

    @Test
    void aSupplementAtTheSameInstantAsTheEndClosesThePauseBeforeIt() {
        // Due Mon 16 Jun 17:00; paused 16 Jun 10:00; the supplement and the completion both at 18 Jun 20:00
        // (delivered end first). The pause counts as closed by the end: 2 days 10 hours, effective due
        // 19 Jun 03:00, ended 18 Jun: early. Counted as still open at the end, it would be judged by its
        // opening on 16 Jun against the 16 Jun due: on time.
        History h = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-16T10:00")
                .completed("2025-06-18T20:00", false)
                .event(EventType.SUPPLEMENT_RECEIVED, "2025-06-18T20:00");
        DossierState s = h.evaluate();
        assertThat(s.effectiveDueAt()).isEqualTo(t("2025-06-19T03:00"));
        assertThat(s.timeliness()).isEqualTo(Timeliness.EARLY);
        // Working time 10 Jun 08:00 -> 18 Jun 20:00: 7 + 3 x 8 + 2 x 8 + 8 = 55h; inside the pause
        // 16 Jun 10:00 -> 18 Jun 20:00: 5 + 8 + 8 = 21h; net 34h.
        assertThat(s.processingWorkingSeconds()).isEqualTo(34 * 3600L);
        assertThat(reversed(h)).isEqualTo(s);
    }

    @Test
    void aSupplementRequestAtTheSameInstantAsTheEndCountsByTheEnd() {
        // A first request (1h pause) on 11 Jun; the second request and the completion both at 12 Jun 10:00.
        // Two requests by the end: late. Counting only the requests strictly before the end would leave one:
        // 12 Jun before the 16 Jun 18:00 effective due, early.
        History h = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-11T09:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2025-06-11T10:00")
                .completed("2025-06-12T10:00", false)
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-12T10:00");
        DossierState s = h.evaluate();
        assertThat(s.timeliness()).isEqualTo(Timeliness.LATE);
        assertThat(reversed(h)).isEqualTo(s);
    }

    @Test
    void aSupplementArrivingAtMidnightLeavesTheClockStoppedAtTheEndOfTheDayBefore() {
        // Due Mon 16 Jun 17:00; paused Wed 18 Jun 09:00; the supplement arrives Fri 20 Jun 00:00.
        DossierState s = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-18T09:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2025-06-20T00:00").evaluate();
        assertThat(s.isOverdueAtEndOf(LocalDate.of(2025, 6, 17))).isTrue();
        assertThat(s.isOverdueAtEndOf(LocalDate.of(2025, 6, 18))).isFalse();
        // At the last instant of 19 Jun the supplement has not arrived: still paused, not overdue. Counted as
        // closed, the due would be 16 Jun 17:00 + 1 day 15 hours = 18 Jun 08:00, and 19 > 18 overdue.
        assertThat(s.isOverdueAtEndOf(LocalDate.of(2025, 6, 19))).isFalse();
        assertThat(s.effectiveDueAsOf(t("2025-06-20T00:00"))).isEqualTo(t("2025-06-16T17:00"));
        assertThat(s.effectiveDueAsOf(t("2025-06-21T00:00"))).isEqualTo(t("2025-06-18T08:00"));
        assertThat(s.isOverdueAtEndOf(LocalDate.of(2025, 6, 20))).isTrue();
    }

    private static DossierState reversed(History h) {
        List<DossierEvent> events = new ArrayList<>(h.events());
        Collections.reverse(events);
        return DossierRules.evaluate("D", events, History.STATUTORY_DAYS, History.PLAIN_CALENDAR);
    }

    @Test
    void aDossierNeverReceivedCountsNowhere() {
        DossierState s = History.of("D")
                .event(EventType.SUBMITTED, "2025-06-03T20:00")
                .event(EventType.NOT_ACCEPTED, "2025-06-04T08:10")
                .rated("2025-06-04T09:00", 1).evaluate();
        assertThat(s.received()).isFalse();
        assertThat(s.isOpenAt(t("2025-06-10T00:00"))).isFalse();
    }

    @Test
    void dueIsComputedFromStatutoryDaysWhenAbsent() {
        // Lunch receipt, 2 days: Thursday 11:30.
        DossierState lunch = History.of("D")
                .received("2025-06-03T12:00", "U", "P2", Channel.ONLINE, null, false, false, false).evaluate();
        assertThat(lunch.dueAt()).isEqualTo(t("2025-06-05T11:30"));
        // After 17:00, 1 day: the whole next working day.
        DossierState evening = History.of("D")
                .received("2025-06-03T17:30", "U", "P1", Channel.COUNTER, null, false, false, false).evaluate();
        assertThat(evening.dueAt()).isEqualTo(t("2025-06-04T17:00"));
        // A given dueAt wins over the procedure's days.
        DossierState given = History.of("D")
                .received("2025-06-03T17:30", "U", "P1", Channel.COUNTER, t("2025-06-20T17:00"), false, false, false)
                .evaluate();
        assertThat(given.dueAt()).isEqualTo(t("2025-06-20T17:00"));
    }

    @Test
    void dueAcrossTetUsesTheCalendarAndItsSwap() {
        WorkingCalendar tet = new WorkingCalendar(List.of(
                new CalendarDay(LocalDate.of(2025, 1, 27), CalendarDayKind.HOLIDAY, "Nghỉ bù"),
                new CalendarDay(LocalDate.of(2025, 1, 28), CalendarDayKind.HOLIDAY, "Tết"),
                new CalendarDay(LocalDate.of(2025, 1, 29), CalendarDayKind.HOLIDAY, "Tết"),
                new CalendarDay(LocalDate.of(2025, 1, 30), CalendarDayKind.HOLIDAY, "Tết"),
                new CalendarDay(LocalDate.of(2025, 1, 31), CalendarDayKind.HOLIDAY, "Tết"),
                new CalendarDay(LocalDate.of(2025, 2, 8), CalendarDayKind.WORKDAY, "Làm bù")));
        // Fri 24 Jan 15:00, 5 days = 40h: 2h Fri, Mon 3 - Thu 6 Feb 32h, Fri 7 Feb 6h -> Fri 7 Feb 15:00.
        DossierState s = History.of("D")
                .received("2025-01-24T15:00", "U", "P5", Channel.COUNTER, null, false, false, false)
                .completed("2025-02-08T10:00", false).evaluate(tet);
        assertThat(s.dueAt()).isEqualTo(t("2025-02-07T15:00"));
        assertThat(s.timeliness()).isEqualTo(Timeliness.LATE);
        // Working time counts the swapped Saturday: 2 + 32 + 8 + 3 hours.
        assertThat(s.processingWorkingSeconds()).isEqualTo(45 * 3600L);
    }

    @Test
    void exampleDossier250603_0042() {
        DossierState s = Examples.dossier0042().evaluate();
        assertThat(s.received()).isTrue();
        assertThat(s.unitCode()).isEqualTo("000.31.07.H23");
        assertThat(s.currentUnitCode()).isEqualTo("000.00.12.H23");
        assertThat(s.dueAt()).isEqualTo(t("2025-06-16T17:00"));
        // 16 Jun 17:00 + 3 days 22 hours of pause; the apology's 20 Jun 17:00 plays no part.
        assertThat(s.effectiveDueAt()).isEqualTo(t("2025-06-20T15:00"));
        assertThat(s.apologyAt()).isEqualTo(t("2025-06-16T16:00"));
        assertThat(s.newDueAt()).isEqualTo(t("2025-06-20T17:00"));
        assertThat(s.endAt()).isEqualTo(t("2025-06-19T11:00"));
        assertThat(s.endKind()).isEqualTo(EndKind.COMPLETED);
        assertThat(s.timeliness()).isEqualTo(Timeliness.EARLY);
        assertThat(s.electronicResult()).isFalse();
        assertThat(s.ratings()).extracting(Rating::rating).containsExactly(1);
        // 94h50 of working time from 3 Jun 14:10 to 19 Jun 11:00, minus 14h inside the pause.
        assertThat(s.processingWorkingSeconds()).isEqualTo(80 * 3600L + 50 * 60);
    }

    @Test
    void overdueAtTheEndOfAPeriodComparesDatesAndStopsWhilePaused() {
        DossierState s = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-18T09:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2025-06-19T09:00").evaluate();
        // The due day itself is not overdue, although its end is after the due instant.
        assertThat(s.isOverdueAtEndOf(LocalDate.of(2025, 6, 16))).isFalse();
        assertThat(s.isOverdueAtEndOf(LocalDate.of(2025, 6, 17))).isTrue();
        // Paused on the 18th: the clock is stopped, so not overdue.
        assertThat(s.isOverdueAtEndOf(LocalDate.of(2025, 6, 18))).isFalse();
        // Closed on the 19th after 24h: effective due 17 Jun 17:00, so overdue again.
        assertThat(s.effectiveDueAsOf(t("2025-06-20T00:00"))).isEqualTo(t("2025-06-17T17:00"));
        assertThat(s.isOverdueAtEndOf(LocalDate.of(2025, 6, 19))).isTrue();
        assertThat(s.isOverdueAtEndOf(LocalDate.of(2025, 6, 9))).isFalse();
    }

    @Test
    void secondRequestMakesAnOpenDossierOverdueBeforeItsDue() {
        DossierState s = History.of("D").received("2025-06-10T08:00", "U", "2025-06-30T17:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-11T09:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2025-06-11T10:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-12T09:00").evaluate();
        assertThat(s.isOverdueAtEndOf(LocalDate.of(2025, 6, 11))).isFalse();
        // Paused, but more than one request already: overdue.
        assertThat(s.isOverdueAtEndOf(LocalDate.of(2025, 6, 12))).isTrue();
    }

    @Test
    void anEndAtTheNextMidnightLeavesTheDossierOpenAtTheEndOfTheDay() {
        DossierState s = History.of("D").received("2025-06-10T08:00", "U", "2025-06-11T17:00")
                .completed("2025-06-13T00:00", false).evaluate();
        assertThat(s.isOpenAtEndOf(LocalDate.of(2025, 6, 12))).isTrue();
        assertThat(s.isOverdueAtEndOf(LocalDate.of(2025, 6, 12))).isTrue();
        assertThat(s.isOpenAtEndOf(LocalDate.of(2025, 6, 13))).isFalse();
        assertThat(s.isOverdueAtEndOf(LocalDate.of(2025, 6, 13))).isFalse();
    }

    @Test
    void stateAndCalendarSurviveJavaSerialization() throws Exception {
        DossierState s = Examples.dossier0042().evaluate();
        assertThat(roundTrip(s)).isEqualTo(s);
        WorkingCalendar calendar = roundTrip(History.PLAIN_CALENDAR);
        assertThat(calendar.dueAfter(t("2025-06-06T16:00"), 1)).isEqualTo(t("2025-06-09T16:00"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
