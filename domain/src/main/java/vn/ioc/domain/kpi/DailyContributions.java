package vn.ioc.domain.kpi;

import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.event.Channel;
import vn.ioc.domain.rules.DossierState;
import vn.ioc.domain.rules.Pause;
import vn.ioc.domain.rules.Rating;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A dossier's contributions to per-unit per-day aggregate rows, such that for any unit set U and
 * dates from..to, {@link KpiCalculator#compute} equals the sum of the flow fields of the rows with
 * from &lt;= day &lt;= to plus the sum of the {@code openAtEnd}/{@code overdueAtEnd} deltas of the
 * rows with day &lt;= to. Replacing a dossier's rows (minus the old, plus the new) keeps aggregates
 * exact when late events change its state.
 */
public final class DailyContributions {

    private DailyContributions() {
    }

    /** Merged per (unit, day), zero rows omitted, sorted by (unit, day). */
    public static List<DayContribution> of(DossierState s) {
        if (!s.received()) {
            return List.of();
        }
        TreeMap<LocalDate, Tally> days = new TreeMap<>();
        addReception(s, tally(days, s.receivedAt()));
        if (s.ended()) {
            addEnd(s, tally(days, s.endAt()));
        }
        for (Rating r : s.ratings()) {
            Tally t = tally(days, r.at());
            t.ratings++;
            if (r.satisfied()) {
                t.satisfied++;
            }
            if (r.unsatisfied()) {
                t.ratedUnsatisfied++;
            }
        }
        addOpenAndOverdueDeltas(s, days);

        List<DayContribution> rows = new ArrayList<>();
        for (Map.Entry<LocalDate, Tally> e : days.entrySet()) {
            KpiCounts counts = e.getValue().toCounts();
            if (!counts.isZero()) {
                rows.add(new DayContribution(s.unitCode(), e.getKey(), counts));
            }
        }
        return rows;
    }

    private static void addReception(DossierState s, Tally t) {
        t.received++;
        if (s.channel() == Channel.ONLINE) {
            t.onlineReceived++;
        }
        if (s.feeRequired()) {
            t.feeBearing++;
            if (s.paidOnline()) {
                t.paidOnline++;
            }
        }
        if (s.digitized()) {
            t.digitizedReceived++;
        }
        if (s.reusedData()) {
            t.reusedDataReceived++;
        }
    }

    private static void addEnd(DossierState s, Tally t) {
        if (s.withdrawn()) {
            t.withdrawn++;
        } else {
            switch (s.timeliness()) {
                case EARLY -> t.early++;
                case ON_TIME -> t.onTime++;
                case LATE -> t.late++;
            }
            t.processingWorkingSeconds += s.processingWorkingSeconds();
        }
        if (s.completed()) {
            t.completed++;
            if (s.electronicResult()) {
                t.electronicResults++;
            }
        }
    }

    /**
     * Open/overdue at the end of a day can only change on a day holding an event that matters
     * (receipt, end, supplement request, pause opening or closing) or on the day after the local
     * date of a value the effective due takes. The status is evaluated on those days with the same
     * rule as {@link KpiCalculator} and a delta is emitted wherever it changes.
     */
    private static void addOpenAndOverdueDeltas(DossierState s, TreeMap<LocalDate, Tally> days) {
        TreeSet<LocalDate> candidates = new TreeSet<>();
        candidates.add(day(s.receivedAt()));
        if (s.ended()) {
            candidates.add(day(s.endAt()));
        }
        for (Instant requested : s.supplementRequestTimes()) {
            candidates.add(day(requested));
        }
        Instant effectiveDue = s.dueAt();
        candidates.add(day(effectiveDue).plusDays(1));
        for (Pause p : s.pauses()) {
            candidates.add(day(p.openedAt()));
            if (p.isClosed()) {
                candidates.add(day(p.closedAt()));
            }
        }
        // Every prefix of closed pauses (in closing order) is a value the effective due can take.
        List<Pause> closed = s.pauses().stream().filter(Pause::isClosed)
                .sorted((a, b) -> a.closedAt().compareTo(b.closedAt())).toList();
        for (Pause p : closed) {
            effectiveDue = effectiveDue.plus(p.length());
            candidates.add(day(effectiveDue).plusDays(1));
        }

        boolean open = false;
        boolean overdue = false;
        for (LocalDate d : candidates) {
            boolean openNow = s.isOpenAtEndOf(d);
            boolean overdueNow = s.isOverdueAtEndOf(d);
            if (openNow != open) {
                days.computeIfAbsent(d, k -> new Tally()).openAtEnd += openNow ? 1 : -1;
                open = openNow;
            }
            if (overdueNow != overdue) {
                days.computeIfAbsent(d, k -> new Tally()).overdueAtEnd += overdueNow ? 1 : -1;
                overdue = overdueNow;
            }
        }
    }

    private static Tally tally(TreeMap<LocalDate, Tally> days, Instant t) {
        return days.computeIfAbsent(day(t), k -> new Tally());
    }

    private static LocalDate day(Instant t) {
        return WorkingCalendar.localDate(t);
    }
}
