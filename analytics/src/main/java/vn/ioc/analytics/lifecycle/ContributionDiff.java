package vn.ioc.analytics.lifecycle;

import vn.ioc.analytics.rows.DayDelta;
import vn.ioc.analytics.rows.KpiProcedureChange;
import vn.ioc.domain.kpi.KpiCounts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What must be added to the daily aggregates to turn a dossier's old contributions into its new ones. */
public final class ContributionDiff {

    private record Key(String unitCode, long epochDay) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = unitCode.compareTo(o.unitCode);
            return c != 0 ? c : Long.compare(epochDay, o.epochDay);
        }
    }

    private ContributionDiff() {
    }

    /** Non-zero deltas, in (unit, day) order so that a re-run emits them in the same order. */
    public static List<DayDelta> between(Collection<DayDelta> before, Collection<DayDelta> after) {
        Map<Key, KpiCounts> deltas = new TreeMap<>();
        for (DayDelta c : after) {
            deltas.merge(new Key(c.unitCode(), c.epochDay()), c.delta(), KpiCounts::plus);
        }
        for (DayDelta c : before) {
            deltas.merge(new Key(c.unitCode(), c.epochDay()), c.delta().negated(), KpiCounts::plus);
        }
        List<DayDelta> out = new ArrayList<>();
        deltas.forEach((k, d) -> {
            if (!d.isZero()) {
                out.add(new DayDelta(k.unitCode(), k.epochDay(), d));
            }
        });
        return out;
    }

    /**
     * The same change one level finer, per procedure: a dossier's contributions count under the
     * procedure it has. While the procedure stays the same, the procedure's deltas are the unit's
     * ({@code unitDiff}); when a late event changes it (a procedure learnt after the receipt), the old
     * contributions leave the old procedure and the new ones arrive under the new one.
     */
    public static List<KpiProcedureChange> byProcedure(String procedureBefore, Collection<DayDelta> before,
                                                       String procedureAfter, Collection<DayDelta> after,
                                                       List<DayDelta> unitDiff) {
        List<KpiProcedureChange> out = new ArrayList<>();
        if (procedureBefore.equals(procedureAfter) || before.isEmpty()) {
            for (DayDelta d : unitDiff) {
                out.add(new KpiProcedureChange(d.unitCode(), procedureAfter, d.epochDay(), d.delta(), 1));
            }
            return out;
        }
        for (DayDelta d : between(before, List.of())) {
            out.add(new KpiProcedureChange(d.unitCode(), procedureBefore, d.epochDay(), d.delta(), 1));
        }
        for (DayDelta d : between(List.of(), after)) {
            out.add(new KpiProcedureChange(d.unitCode(), procedureAfter, d.epochDay(), d.delta(), 1));
        }
        return out;
    }
}
