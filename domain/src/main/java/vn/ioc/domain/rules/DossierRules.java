package vn.ioc.domain.rules;

import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The per-dossier rules of the domain reference: received, due, pauses, end and class. The result
 * depends only on the set of distinct events, never on their arrival order or repetitions.
 */
public final class DossierRules {

    /**
     * Order of a dossier's history: by time; events at the same instant in the order of
     * {@link EventType} (a request before its supplement, a supplement before the end, the end before
     * a rating), then by eventId, so that any shuffle gives the same sequence.
     */
    public static final Comparator<DossierEvent> HISTORY_ORDER = Comparator
            .comparing(DossierEvent::at)
            .thenComparingInt((DossierEvent e) -> e.type().ordinal())
            .thenComparing(DossierEvent::eventId)
            .thenComparing(DossierEvent::toString);

    private DossierRules() {
    }

    /** The distinct events (one per eventId) in {@link #HISTORY_ORDER}. */
    public static List<DossierEvent> history(Collection<DossierEvent> events) {
        List<DossierEvent> sorted = new ArrayList<>(events);
        sorted.sort(HISTORY_ORDER);
        Map<String, DossierEvent> once = new LinkedHashMap<>();
        for (DossierEvent e : sorted) {
            once.putIfAbsent(e.eventId(), e);
        }
        return new ArrayList<>(once.values());
    }

    /**
     * Evaluates one dossier from all its events, in any order and with repeats.
     *
     * @param statutoryWorkingDays the procedure's statutory working days by procedure code, used only
     *                             when RECEIVED carries no dueAt
     */
    public static DossierState evaluate(String dossierId, Collection<DossierEvent> events,
                                        ToIntFunction<String> statutoryWorkingDays, WorkingCalendar calendar) {
        List<DossierEvent> history = history(events);
        DossierEvent reception = first(history, EventType.RECEIVED);
        if (reception == null) {
            return DossierState.notReceived(dossierId);
        }
        Instant receivedAt = reception.at();
        Instant due = reception.dueAt() != null
                ? reception.dueAt()
                : calendar.dueAfter(receivedAt, statutoryWorkingDays.applyAsInt(reception.procedureCode()));
        DossierEvent end = endEvent(history);

        List<Pause> pauses = new ArrayList<>();
        List<Instant> requests = new ArrayList<>();
        List<Rating> ratings = new ArrayList<>();
        Instant pausedSince = null;
        boolean paidOnline = false;
        boolean electronicResult = false;
        Instant apologyAt = null;
        Instant newDueAt = null;
        String currentUnit = reception.unitCode();
        for (DossierEvent e : history) {
            switch (e.type()) {
                case SUPPLEMENT_REQUESTED -> {
                    requests.add(e.at());
                    // A second request while the clock is already stopped does not stop it twice.
                    if (pausedSince == null) {
                        pausedSince = e.at();
                    }
                }
                case SUPPLEMENT_RECEIVED -> {
                    if (pausedSince != null) {
                        pauses.add(new Pause(pausedSince, e.at()));
                        pausedSince = null;
                    }
                }
                case PAID -> paidOnline |= e.online();
                case COMPLETED -> electronicResult |= e.electronicResult();
                case TRANSFERRED -> {
                    if (e.toUnitCode() != null) {
                        currentUnit = e.toUnitCode();
                    }
                }
                case APOLOGY_ISSUED -> {
                    if (apologyAt == null) {
                        apologyAt = e.at();
                        newDueAt = e.newDueAt();
                    }
                }
                case RATED -> {
                    if (e.rating() != null) {
                        ratings.add(new Rating(e.eventId(), e.at(), e.rating()));
                    }
                }
                default -> {
                }
            }
        }
        if (pausedSince != null) {
            pauses.add(new Pause(pausedSince, null));
        }

        Instant endAt = end == null ? null : end.at();
        EndKind endKind = end == null ? null : EndKind.valueOf(end.type().name());
        boolean withdrawn = endKind == EndKind.WITHDRAWN;
        Instant effectiveDue = effectiveDue(due, pauses, endAt);
        Timeliness timeliness = null;
        Long processingSeconds = null;
        if (end != null && !withdrawn) {
            timeliness = classify(endAt, effectiveDue, pauses, requests);
            processingSeconds = processingWorkingTime(receivedAt, endAt, pauses, calendar).getSeconds();
        }
        return new DossierState(dossierId, true, reception.unitCode(), reception.procedureCode(),
                reception.channel(), receivedAt, due, effectiveDue, pauses, requests, requests.size(),
                endAt, endKind, timeliness, withdrawn, reception.feeRequired(), paidOnline, electronicResult,
                reception.digitized(), reception.reusedData(), ratings, apologyAt, newDueAt, currentUnit,
                processingSeconds);
    }

    private static DossierEvent first(List<DossierEvent> history, EventType type) {
        for (DossierEvent e : history) {
            if (e.type() == type) {
                return e;
            }
        }
        return null;
    }

    /**
     * The earliest COMPLETED, STOPPED or WITHDRAWN, and RETURNED too when the dossier has no
     * COMPLETED and no STOPPED at all.
     */
    private static DossierEvent endEvent(List<DossierEvent> history) {
        boolean returnedCanEnd = first(history, EventType.COMPLETED) == null
                && first(history, EventType.STOPPED) == null;
        for (DossierEvent e : history) {
            switch (e.type()) {
                case COMPLETED, STOPPED, WITHDRAWN -> {
                    return e;
                }
                case RETURNED -> {
                    if (returnedCanEnd) {
                        return e;
                    }
                }
                default -> {
                }
            }
        }
        return null;
    }

    /** Due plus the pauses closed by the end (at or before it), or all closed pauses when not ended. */
    private static Instant effectiveDue(Instant due, List<Pause> pauses, Instant endAt) {
        Instant effective = due;
        for (Pause p : pauses) {
            if (closedBy(p, endAt)) {
                effective = effective.plus(p.length());
            }
        }
        return effective;
    }

    private static boolean closedBy(Pause p, Instant endAt) {
        return p.isClosed() && (endAt == null || !p.closedAt().isAfter(endAt));
    }

    /**
     * Late with more than one supplement request by the end. Otherwise the local date of the end
     * (or of the opening of a pause still open at the end) against the local date of the effective
     * due: earlier = early, same = on time, later = late.
     */
    private static Timeliness classify(Instant endAt, Instant effectiveDue, List<Pause> pauses, List<Instant> requests) {
        long requestsByEnd = requests.stream().filter(r -> !r.isAfter(endAt)).count();
        if (requestsByEnd > 1) {
            return Timeliness.LATE;
        }
        Instant judged = endAt;
        for (Pause p : pauses) {
            boolean openAtEnd = !p.openedAt().isAfter(endAt) && (p.closedAt() == null || p.closedAt().isAfter(endAt));
            if (openAtEnd) {
                judged = p.openedAt();
            }
        }
        LocalDate judgedDay = WorkingCalendar.localDate(judged);
        LocalDate dueDay = WorkingCalendar.localDate(effectiveDue);
        if (judgedDay.isBefore(dueDay)) {
            return Timeliness.EARLY;
        }
        return judgedDay.isEqual(dueDay) ? Timeliness.ON_TIME : Timeliness.LATE;
    }

    /** Working time from receipt to end minus the working time inside pauses closed by the end. */
    private static Duration processingWorkingTime(Instant receivedAt, Instant endAt, List<Pause> pauses,
                                                  WorkingCalendar calendar) {
        Duration total = calendar.workingTimeBetween(receivedAt, endAt);
        for (Pause p : pauses) {
            if (closedBy(p, endAt)) {
                Instant from = p.openedAt().isBefore(receivedAt) ? receivedAt : p.openedAt();
                total = total.minus(calendar.workingTimeBetween(from, p.closedAt()));
            }
        }
        return total.isNegative() ? Duration.ZERO : total;
    }
}
