package vn.ioc.analytics.lifecycle;

import vn.ioc.analytics.rows.DayDelta;
import vn.ioc.domain.kpi.DayContribution;
import vn.ioc.domain.kpi.KpiCounts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What must be added to the daily aggregates to turn a dossier's old contributions into its new ones. */
public final class ContributionDiff {

    private record Key(String unitCode, LocalDate day) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = unitCode.compareTo(o.unitCode);
            return c != 0 ? c : day.compareTo(o.day);
        }
    }

    private ContributionDiff() {
    }

    /** Non-zero deltas, in (unit, day) order so that a re-run emits them in the same order. */
    public static List<DayDelta> between(Collection<DayContribution> before, Collection<DayContribution> after) {
        Map<Key, KpiCounts> deltas = new TreeMap<>();
        for (DayContribution c : after) {
            deltas.merge(new Key(c.unitCode(), c.day()), c.counts(), KpiCounts::plus);
        }
        for (DayContribution c : before) {
            deltas.merge(new Key(c.unitCode(), c.day()), KpiCounts.ZERO.minus(c.counts()), KpiCounts::plus);
        }
        List<DayDelta> out = new ArrayList<>();
        deltas.forEach((k, d) -> {
            if (!d.isZero()) {
                out.add(new DayDelta(k.unitCode(), k.day(), d));
            }
        });
        return out;
    }
}
