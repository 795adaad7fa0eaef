package vn.ioc.domain.alerts;

import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.rules.DossierState;
import vn.ioc.domain.rules.EndKind;
import vn.ioc.domain.rules.Pause;
import vn.ioc.domain.rules.Timeliness;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The alert episodes of a dossier, from its state. The time-driven alerts (at risk, overdue) can
 * only change at the dossier's own event times and at the instants derived from each value its
 * effective due takes (one working day before it; the local midnight after its date), so the status
 * is evaluated just after each of those instants.
 */
public final class DossierAlerts {

    private DossierAlerts() {
    }

    public static List<AlertEpisode> episodes(DossierState s, WorkingCalendar calendar) {
        List<AlertEpisode> out = new ArrayList<>();
        if (!s.received()) {
            return out;
        }
        TreeSet<Instant> points = changePoints(s, calendar);
        List<AlertEpisode> overdue = intervals(s, AlertKind.OVERDUE, points, t -> overdueAt(s, t));
        out.addAll(intervals(s, AlertKind.AT_RISK, points, t -> atRiskAt(s, t, calendar)));
        out.addAll(overdue);

        Instant lateSince = !overdue.isEmpty() ? overdue.get(0).raisedAt()
                : s.timeliness() == Timeliness.LATE ? s.endAt() : null;
        if (lateSince != null && (s.apologyAt() == null || s.apologyAt().isAfter(lateSince))) {
            out.add(new AlertEpisode(s.dossierId(), AlertKind.LATE_WITHOUT_APOLOGY, lateSince, s.apologyAt(),
                    s.effectiveDueAsOf(lateSince)));
        }
        if (s.supplementRequestTimes().size() > 1) {
            Instant second = s.supplementRequestTimes().get(1);
            if (s.endAt() == null || !s.endAt().isBefore(second)) {
                out.add(new AlertEpisode(s.dossierId(), AlertKind.MULTIPLE_SUPPLEMENTS, second, s.endAt(),
                        s.effectiveDueAsOf(second)));
            }
        }
        if (s.endKind() == EndKind.COMPLETED && (s.endAt().equals(s.dueAt()) || s.endAt().equals(s.effectiveDueAt()))) {
            out.add(new AlertEpisode(s.dossierId(), AlertKind.CLOSED_AT_DUE, s.endAt(), null, s.effectiveDueAt()));
        }
        return out;
    }

    /** Overdue at instant t: the same reading as at the end of a period, at any instant. */
    static boolean overdueAt(DossierState s, Instant t) {
        if (!s.isOpenAt(t)) {
            return false;
        }
        if (s.supplementRequestsBefore(t) > 1) {
            return true;
        }
        return !s.pauseOpenAt(t) && !t.isBefore(overdueFrom(s.effectiveDueAsOf(t)));
    }

    static boolean atRiskAt(DossierState s, Instant t, WorkingCalendar calendar) {
        if (!s.isOpenAt(t) || s.pauseOpenAt(t) || overdueAt(s, t)) {
            return false;
        }
        return !t.isBefore(riskFrom(s.effectiveDueAsOf(t), calendar));
    }

    /** Overdue from the local midnight after the effective due's date. */
    static Instant overdueFrom(Instant effectiveDue) {
        return WorkingCalendar.startOfDay(WorkingCalendar.localDate(effectiveDue).plusDays(1));
    }

    /** One working day before the due: the same local time on the previous working day. */
    static Instant riskFrom(Instant effectiveDue, WorkingCalendar calendar) {
        LocalDateTime due = LocalDateTime.ofInstant(effectiveDue, WorkingCalendar.ZONE);
        LocalDate day = due.toLocalDate().minusDays(1);
        while (!calendar.isWorkingDay(day)) {
            day = day.minusDays(1);
        }
        return day.atTime(due.toLocalTime()).atZone(WorkingCalendar.ZONE).toInstant();
    }

    private static TreeSet<Instant> changePoints(DossierState s, WorkingCalendar calendar) {
        TreeSet<Instant> points = new TreeSet<>();
        points.add(s.receivedAt());
        if (s.endAt() != null) {
            points.add(s.endAt());
        }
        points.addAll(s.supplementRequestTimes());
        Instant due = s.dueAt();
        addDueInstants(points, due, calendar);
        for (Pause p : s.pauses()) {
            points.add(p.openedAt());
            if (p.closedAt() != null) {
                points.add(p.closedAt());
                due = due.plus(p.length());
                addDueInstants(points, due, calendar);
            }
        }
        return points;
    }

    private static void addDueInstants(TreeSet<Instant> points, Instant due, WorkingCalendar calendar) {
        points.add(riskFrom(due, calendar));
        points.add(overdueFrom(due));
    }

    /** The stretches where the status holds, evaluated just after each change point. */
    private static List<AlertEpisode> intervals(DossierState s, AlertKind kind, TreeSet<Instant> points,
                                                Predicate<Instant> holdsJustAfter) {
        List<AlertEpisode> out = new ArrayList<>();
        Instant raised = null;
        for (Instant p : points) {
            boolean holds = holdsJustAfter.test(p.plus(1, ChronoUnit.MILLIS));
            if (holds && raised == null) {
                raised = p;
            } else if (!holds && raised != null) {
                out.add(new AlertEpisode(s.dossierId(), kind, raised, p, s.effectiveDueAsOf(raised.plusMillis(1))));
                raised = null;
            }
        }
        if (raised != null) {
            out.add(new AlertEpisode(s.dossierId(), kind, raised, null, s.effectiveDueAsOf(raised.plusMillis(1))));
        }
        return out;
    }
}
