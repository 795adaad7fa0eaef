package vn.ioc.dashboard.kpi;

import vn.ioc.domain.catalog.Unit;
import vn.ioc.domain.catalog.UnitCatalog;
import vn.ioc.domain.kpi.KpiCounts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KPIs of several units at once from one grouped query: each unit stands for its subtree, and a
 * parent's counts are the sums of its descendants' counts (rates recomputed from those sums). Sums of
 * counts are exact, so these equal what a query per subtree would give.
 */
public final class UnitKpis {

    /** A unit and the counts of its whole subtree. */
    public record UnitCounts(Unit unit, KpiCounts counts) {
    }

    /** Position 1 = best on-time rate among the peers that have one; null when the unit has no rate. */
    public record Rank(Integer position, int rankedPeers, int peers) {
    }

    private final UnitCatalog units;
    private final KpiRepository kpis;

    public UnitKpis(UnitCatalog units, KpiRepository kpis) {
        this.units = units;
        this.kpis = kpis;
    }

    /**
     * The counts of every unit of {@code top}'s subtree on its own, from one grouped query: the answer
     * to every question below about units inside that subtree, with no further query.
     */
    public ByUnit byUnit(Unit top, LocalDate from, LocalDate to) {
        return new ByUnit(top, kpis.countsByUnit(units.subtree(top.code()), from, to), null);
    }

    /** {@link #byUnit} with, from the same query, the counts of the previous period prevFrom..prevTo. */
    public ByUnit byUnit(Unit top, LocalDate from, LocalDate to, LocalDate prevFrom, LocalDate prevTo) {
        KpiRepository.TwoPeriods both = kpis.countsByUnit(units.subtree(top.code()), from, to, prevFrom, prevTo);
        return new ByUnit(top, both.current(), both.previous());
    }

    /** Each unit's own counts within {@code top}'s subtree (a unit without rows has none). */
    public final class ByUnit {
        private final Unit top;
        private final Set<String> inside;
        private final Map<String, KpiCounts> own;
        private final Map<String, KpiCounts> ownPrevious; // null when the previous period was not asked for

        private ByUnit(Unit top, Map<String, KpiCounts> own, Map<String, KpiCounts> ownPrevious) {
            this.top = top;
            this.inside = units.subtree(top.code());
            this.own = own;
            this.ownPrevious = ownPrevious;
        }

        /** Whether {@code unit} is in the subtree these counts cover. */
        private boolean covers(Unit unit) {
            return inside.contains(unit.code());
        }

        /** The counts of {@code unit}'s whole subtree: the sum of its units' own counts. */
        public KpiCounts subtree(Unit unit) {
            return sum(unit, own);
        }

        /** {@link #subtree} in the previous period; only for counts asked with one. */
        public KpiCounts previousSubtree(Unit unit) {
            if (ownPrevious == null) {
                throw new IllegalStateException("these counts were asked without their previous period");
            }
            return sum(unit, ownPrevious);
        }

        private KpiCounts sum(Unit unit, Map<String, KpiCounts> counts) {
            requireInside(unit);
            KpiCounts sum = KpiCounts.ZERO;
            for (String code : units.subtree(unit.code())) {
                KpiCounts c = counts.get(code);
                if (c != null) {
                    sum = sum.plus(c);
                }
            }
            return sum;
        }

        /** The parent's own rows (dossiers received by the parent unit itself, not by a child). */
        public KpiCounts own(Unit unit) {
            requireInside(unit);
            return own.getOrDefault(unit.code(), KpiCounts.ZERO);
        }

        /** Each direct child of {@code parent} with its subtree's counts, in catalog order. */
        public List<UnitCounts> children(Unit parent) {
            requireInside(parent);
            List<UnitCounts> out = new ArrayList<>();
            for (Unit child : units.children(parent.code())) {
                out.add(new UnitCounts(child, subtree(child)));
            }
            return out;
        }

        /**
         * Rank among peers: the units with the same parent and the same level, by on-time rate (higher
         * is better), ties sharing a position. The parent must be inside this subtree.
         */
        public Rank rank(Unit unit) {
            if (unit.parentCode() == null) {
                return new Rank(1, 1, 1);
            }
            Unit parent = units.find(unit.parentCode()).orElseThrow();
            List<UnitCounts> counted = children(parent).stream().filter(c -> c.unit().level() == unit.level()).toList();
            Double mine = counted.stream().filter(c -> c.unit().code().equals(unit.code())).findFirst()
                    .map(c -> c.counts().onTimeRate()).orElse(null);
            List<Double> rates = counted.stream().map(c -> c.counts().onTimeRate()).filter(r -> r != null)
                    .sorted(Comparator.reverseOrder()).toList();
            Integer position = mine == null ? null : (int) rates.stream().filter(r -> r > mine).count() + 1;
            return new Rank(position, rates.size(), counted.size());
        }

        private void requireInside(Unit unit) {
            if (!covers(unit)) {
                throw new IllegalArgumentException(unit.code() + " is not in the subtree of " + top.code());
            }
        }
    }

    public static Map<String, Object> unitJson(Unit u, LocalDate from, LocalDate to, KpiCounts c, boolean hasChildren) {
        Map<String, Object> m = new LinkedHashMap<>(KpiJson.of(u.code(), u.name(), from, to, c));
        m.put("level", u.level().name());
        m.put("validFrom", u.validFrom() == null ? null : u.validFrom().toString());
        m.put("validTo", u.validTo() == null ? null : u.validTo().toString());
        m.put("hasChildren", hasChildren);
        return m;
    }
}
