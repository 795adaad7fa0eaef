package vn.ioc.domain.catalog;

import java.io.Reader;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The units of a province (đơn vị): departments, districts until 30 June 2025, communes before and
 * after the 2025 merger. Immutable and serializable, so a stream job can ship it to its workers.
 *
 * <p>Guarantees once built: codes are unique, every parentCode and successorCode names a unit of
 * the catalog, neither the parent nor the successor links form a cycle, validFrom is not after
 * validTo, and a unit with a successor has a validTo (it was merged away on some day).
 */
public final class UnitCatalog implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The header a units CSV must start with. */
    public static final List<String> HEADER =
            List.of("code", "name", "level", "parentCode", "validFrom", "validTo", "successorCode");

    private final Map<String, Unit> byCode;
    private final Map<String, List<Unit>> childrenByCode;

    private UnitCatalog(Map<String, Unit> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
        Map<String, List<Unit>> children = new LinkedHashMap<>();
        for (Unit u : byCode.values()) {
            if (u.parentCode() != null) {
                children.computeIfAbsent(u.parentCode(), k -> new ArrayList<>()).add(u);
            }
        }
        children.replaceAll((k, v) -> Collections.unmodifiableList(v));
        this.childrenByCode = Collections.unmodifiableMap(children);
    }

    /** A catalog of the given units, checked as a CSV would be; errors name the unit's position (1-based). */
    public static UnitCatalog of(Collection<Unit> units) {
        List<Located> located = new ArrayList<>(units.size());
        int i = 0;
        for (Unit u : units) {
            i++;
            located.add(new Located(u, "units", i));
        }
        return build(located);
    }

    /** Reads a units CSV (header {@link #HEADER}); {@code name} is used in error messages, e.g. the file name. */
    public static UnitCatalog parseCsv(String name, Reader reader) {
        List<Located> located = new ArrayList<>();
        for (CsvTable.Row row : CsvTable.read(name, reader, HEADER)) {
            Unit u = new Unit(
                    row.required("code"),
                    row.required("name"),
                    row.enumValue("level", UnitLevel.class),
                    row.optional("parentCode"),
                    row.optionalDate("validFrom"),
                    row.optionalDate("validTo"),
                    row.optional("successorCode"));
            located.add(new Located(u, name, row.line()));
        }
        return build(located);
    }

    private record Located(Unit unit, String source, int line) {
        CatalogException error(String column, String problem) {
            return new CatalogException(source, line, column, problem);
        }
    }

    private static UnitCatalog build(List<Located> located) {
        Map<String, Unit> byCode = new LinkedHashMap<>();
        Map<String, Located> where = new LinkedHashMap<>();
        for (Located l : located) {
            Unit u = l.unit();
            if (u.code() == null || u.code().isBlank()) {
                throw l.error("code", "value is required");
            }
            if (u.level() == null) {
                throw l.error("level", "value is required");
            }
            Located first = where.putIfAbsent(u.code(), l);
            if (first != null) {
                throw l.error("code", "duplicate code '" + u.code() + "', first defined at line " + first.line());
            }
            byCode.put(u.code(), u);
        }
        for (Located l : located) {
            Unit u = l.unit();
            if (u.parentCode() != null && !byCode.containsKey(u.parentCode())) {
                throw l.error("parentCode", "parent '" + u.parentCode() + "' is not in the catalog");
            }
            if (u.successorCode() != null && !byCode.containsKey(u.successorCode())) {
                throw l.error("successorCode", "successor '" + u.successorCode() + "' is not in the catalog");
            }
            if (u.validFrom() != null && u.validTo() != null && u.validFrom().isAfter(u.validTo())) {
                throw l.error("validTo", "validTo " + u.validTo() + " is before validFrom " + u.validFrom());
            }
            if (u.successorCode() != null && u.validTo() == null) {
                throw l.error("validTo", "a unit with a successor must have a validTo (the last day before the merger)");
            }
        }
        for (Located l : located) {
            checkNoCycle(l, byCode, "parentCode", true);
            checkNoCycle(l, byCode, "successorCode", false);
        }
        return new UnitCatalog(byCode);
    }

    private static void checkNoCycle(Located start, Map<String, Unit> byCode, String column, boolean byParent) {
        Set<String> seen = new LinkedHashSet<>();
        Unit u = start.unit();
        while (u != null) {
            if (!seen.add(u.code())) {
                throw start.error(column, "cycle through " + String.join(" -> ", seen) + " -> " + u.code());
            }
            String next = byParent ? u.parentCode() : u.successorCode();
            u = next == null ? null : byCode.get(next);
        }
    }

    public Optional<Unit> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public boolean contains(String code) {
        return code != null && byCode.containsKey(code);
    }

    /** Every unit, in catalog order. */
    public Collection<Unit> all() {
        return byCode.values();
    }

    /** The direct children by parentCode, whatever their validity; empty for a leaf or an unknown code. */
    public List<Unit> children(String code) {
        return childrenByCode.getOrDefault(code, List.of());
    }

    /**
     * The codes of the unit and all its descendants by parentCode, whatever their validity dates: a
     * district's subtree holds its communes even after they were merged away, so old dossiers still
     * roll up into it. Empty for an unknown code.
     */
    public Set<String> subtree(String code) {
        if (!contains(code)) {
            return Set.of();
        }
        Set<String> result = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(code);
        while (!todo.isEmpty()) {
            String c = todo.poll();
            if (result.add(c)) {
                for (Unit child : children(c)) {
                    todo.add(child.code());
                }
            }
        }
        return Collections.unmodifiableSet(result);
    }

    /**
     * Where a unit's data belongs on {@code date}: the unit itself when it is valid then, otherwise
     * the first unit valid then along its successor lineage (an old commune maps to the commune it
     * was merged into). When no unit of the lineage is valid on that date (a date before the unit
     * existed, or a unit closed without successor such as a former district), the last unit of the
     * lineage is returned.
     *
     * @throws IllegalArgumentException for a code not in the catalog
     */
    public String successorOn(String code, LocalDate date) {
        Unit u = find(code).orElseThrow(() -> new IllegalArgumentException("unit '" + code + "' is not in the catalog"));
        Set<String> seen = new HashSet<>();
        while (seen.add(u.code())) {
            if (u.isValidOn(date) || u.successorCode() == null) {
                return u.code();
            }
            u = byCode.get(u.successorCode());
        }
        return u.code();
    }

    /**
     * The top of the catalog: the only unit without a parent, or, when several have none, the first
     * of level PROVINCE among them; empty when there is no such unit.
     */
    public Optional<Unit> root() {
        List<Unit> roots = byCode.values().stream().filter(u -> u.parentCode() == null).toList();
        if (roots.size() == 1) {
            return Optional.of(roots.get(0));
        }
        return roots.stream().filter(u -> u.level() == UnitLevel.PROVINCE).findFirst();
    }

    @Override
    public String toString() {
        return "UnitCatalog[" + byCode.size() + " units]";
    }
}
