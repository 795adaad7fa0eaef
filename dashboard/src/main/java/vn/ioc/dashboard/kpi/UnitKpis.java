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
 * parent's counts are the sums of its descendants' counts (rates recomputed from those sums).
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

    /** Each direct child of {@code parent} with its subtree's counts, in catalog order. */
    public List<UnitCounts> children(Unit parent, LocalDate from, LocalDate to) {
        return subtreeCounts(units.children(parent.code()), kpis.countsByUnit(units.subtree(parent.code()), from, to));
    }

    /** The parent's own rows (dossiers received by the parent unit itself, not by a child). */
    public KpiCounts own(Unit parent, LocalDate from, LocalDate to) {
        return kpis.counts(Set.of(parent.code()), from, to);
    }

    /**
     * Rank among peers: the units with the same parent and the same level, by on-time rate (higher is
     * better), ties sharing a position.
     */
    public Rank rank(Unit unit, LocalDate from, LocalDate to) {
        if (unit.parentCode() == null) {
            return new Rank(1, 1, 1);
        }
        List<Unit> peers = units.children(unit.parentCode()).stream().filter(u -> u.level() == unit.level()).toList();
        Map<String, KpiCounts> byUnit = kpis.countsByUnit(units.subtree(unit.parentCode()), from, to);
        List<UnitCounts> counted = subtreeCounts(peers, byUnit);
        Double mine = counted.stream().filter(c -> c.unit().code().equals(unit.code())).findFirst()
                .map(c -> c.counts().onTimeRate()).orElse(null);
        List<Double> rates = counted.stream().map(c -> c.counts().onTimeRate()).filter(r -> r != null)
                .sorted(Comparator.reverseOrder()).toList();
        Integer position = mine == null ? null : (int) rates.stream().filter(r -> r > mine).count() + 1;
        return new Rank(position, rates.size(), peers.size());
    }

    private List<UnitCounts> subtreeCounts(List<Unit> of, Map<String, KpiCounts> byUnit) {
        List<UnitCounts> out = new ArrayList<>();
        for (Unit u : of) {
            KpiCounts sum = KpiCounts.ZERO;
            for (String code : units.subtree(u.code())) {
                KpiCounts c = byUnit.get(code);
                if (c != null) {
                    sum = sum.plus(c);
                }
            }
            out.add(new UnitCounts(u, sum));
        }
        return out;
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
