package vn.ioc.domain.rules;

import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.event.Channel;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the numbers need to know about one dossier, derived from its whole event history by
 * {@link DossierRules#evaluate}. Lists are plain copies so that any serializer can rebuild them;
 * treat them as read-only.
 *
 * <p>Methods taking an instant {@code t} describe the dossier as of the last instant before
 * {@code t}: events at {@code t} itself have not happened yet. With {@code t} the exclusive end of a
 * period (the next day's local midnight) this is the state "at the end of the period".
 *
 * @param unitCode                the receiving unit (RECEIVED's unitCode): every number counts here
 * @param effectiveDueAt          due plus the calendar length of the pauses closed by the end, or
 *                                closed so far when not ended
 * @param supplementRequestTimes  times of every SUPPLEMENT_REQUESTED, in order
 * @param supplementRequests      number of SUPPLEMENT_REQUESTED events, all of them
 * @param timeliness              class; null when not ended or withdrawn
 * @param withdrawn               ended by WITHDRAWN
 * @param paidOnline              any PAID with online=true, at any time
 * @param electronicResult        a COMPLETED event carries electronicResult=true
 * @param apologyAt               the first APOLOGY_ISSUED; it does not move the due
 * @param currentUnitCode         the unit holding the dossier after the last transfer
 * @param processingWorkingSeconds for an ended, not withdrawn dossier: working time from receipt
 *                                to the end minus working time inside pauses closed by the end;
 *                                null otherwise
 */
public record DossierState(
        String dossierId,
        boolean received,
        String unitCode,
        String procedureCode,
        Channel channel,
        Instant receivedAt,
        Instant dueAt,
        Instant effectiveDueAt,
        List<Pause> pauses,
        List<Instant> supplementRequestTimes,
        int supplementRequests,
        Instant endAt,
        EndKind endKind,
        Timeliness timeliness,
        boolean withdrawn,
        boolean feeRequired,
        boolean paidOnline,
        boolean electronicResult,
        boolean digitized,
        boolean reusedData,
        List<Rating> ratings,
        Instant apologyAt,
        Instant newDueAt,
        String currentUnitCode,
        Long processingWorkingSeconds) implements Serializable {

    private static final long serialVersionUID = 1L;

    public DossierState {
        pauses = pauses == null ? new ArrayList<>() : new ArrayList<>(pauses);
        supplementRequestTimes = supplementRequestTimes == null ? new ArrayList<>() : new ArrayList<>(supplementRequestTimes);
        ratings = ratings == null ? new ArrayList<>() : new ArrayList<>(ratings);
    }

    /** A dossier with no RECEIVED event: it counts nowhere. */
    public static DossierState notReceived(String dossierId) {
        return new DossierState(dossierId, false, null, null, null, null, null, null, List.of(), List.of(), 0,
                null, null, null, false, false, false, false, false, false, List.of(), null, null, null, null);
    }

    public boolean ended() {
        return endAt != null;
    }

    /** Ended by COMPLETED, or by RETURNED with no COMPLETED (not STOPPED or WITHDRAWN). */
    public boolean completed() {
        return endKind == EndKind.COMPLETED || endKind == EndKind.RETURNED;
    }

    /** Received before {@code t} and not ended before {@code t}. */
    public boolean isOpenAt(Instant t) {
        return received && receivedAt.isBefore(t) && (endAt == null || !endAt.isBefore(t));
    }

    public int supplementRequestsBefore(Instant t) {
        int n = 0;
        for (Instant requested : supplementRequestTimes) {
            if (requested.isBefore(t)) {
                n++;
            }
        }
        return n;
    }

    /** A pause was opened before {@code t} and not closed before {@code t}: the clock is stopped. */
    public boolean pauseOpenAt(Instant t) {
        for (Pause p : pauses) {
            if (p.openJustBefore(t)) {
                return true;
            }
        }
        return false;
    }

    /** The due plus the calendar length of the pauses closed before {@code t}. */
    public Instant effectiveDueAsOf(Instant t) {
        Instant due = dueAt;
        for (Pause p : pauses) {
            if (p.closedBefore(t)) {
                due = due.plus(p.length());
            }
        }
        return due;
    }

    /**
     * Open at the end of a period whose last local day is {@code lastDay} (received before the next
     * day's midnight and not ended before it) and overdue then: more than one supplement request by
     * then, or no pause open at that instant and {@code lastDay} after the local date of the
     * effective due as of then. False when not open then.
     */
    public boolean isOverdueAtEndOf(LocalDate lastDay) {
        Instant periodEnd = WorkingCalendar.startOfDay(lastDay.plusDays(1));
        if (!isOpenAt(periodEnd)) {
            return false;
        }
        if (supplementRequestsBefore(periodEnd) > 1) {
            return true;
        }
        return !pauseOpenAt(periodEnd)
                && lastDay.isAfter(WorkingCalendar.localDate(effectiveDueAsOf(periodEnd)));
    }

    /** Open at the end of the local day {@code lastDay}. */
    public boolean isOpenAtEndOf(LocalDate lastDay) {
        return isOpenAt(WorkingCalendar.startOfDay(lastDay.plusDays(1)));
    }
}
