package vn.ioc.domain.kpi;

import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.event.Channel;
import vn.ioc.domain.rules.DossierState;
import vn.ioc.domain.rules.Rating;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

/**
 * The reference computation of the numbers for a set of units and a period, straight from the
 * definitions: P runs from {@code from} 00:00 local to the day after {@code to} 00:00 local. A
 * dossier counts for the unit that received it. {@code unitCodes} is the whole subtree already.
 *
 * <p>It shares no counting code with {@link DailyContributions} on purpose: it is the independent
 * reading the stored aggregates are tested against, so a mistake in one is not repeated in the other.
 */
public final class KpiCalculator {

    private KpiCalculator() {
    }

    public static KpiCounts compute(Collection<DossierState> dossiers, Set<String> unitCodes, LocalDate from, LocalDate to) {
        Instant start = WorkingCalendar.startOfDay(from);
        Instant end = WorkingCalendar.startOfDay(to.plusDays(1));
        Tally t = new Tally();
        for (DossierState s : dossiers) {
            if (!s.received() || !unitCodes.contains(s.unitCode())) {
                continue;
            }
            if (within(s.receivedAt(), start, end)) {
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
            if (s.ended() && within(s.endAt(), start, end)) {
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
            if (s.isOpenAt(end)) {
                t.openAtEnd++;
                if (s.isOverdueAtEndOf(to)) {
                    t.overdueAtEnd++;
                }
            }
            for (Rating r : s.ratings()) {
                if (within(r.at(), start, end)) {
                    t.ratings++;
                    if (r.satisfied()) {
                        t.satisfied++;
                    }
                    if (r.unsatisfied()) {
                        t.ratedUnsatisfied++;
                    }
                }
            }
        }
        return t.toCounts();
    }

    private static boolean within(Instant t, Instant start, Instant end) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
