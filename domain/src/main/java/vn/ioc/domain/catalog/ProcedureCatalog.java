package vn.ioc.domain.catalog;

import java.io.Reader;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The procedures a province handles (thủ tục hành chính), by MaTTHC. Immutable and serializable.
 * Guarantees once built: codes are unique, statutoryWorkingDays is between 1 and 365.
 */
public final class ProcedureCatalog implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The header a procedures CSV must start with. */
    public static final List<String> HEADER =
            List.of("code", "name", "field", "statutoryWorkingDays", "feeRequired", "onlineLevel");

    static final int MAX_WORKING_DAYS = 365;

    private final Map<String, Procedure> byCode;

    private ProcedureCatalog(Map<String, Procedure> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    /** A catalog of the given procedures, checked as a CSV would be; errors name the position (1-based). */
    public static ProcedureCatalog of(Collection<Procedure> procedures) {
        Map<String, Procedure> byCode = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        int i = 0;
        for (Procedure p : procedures) {
            i++;
            add(byCode, lines, p, "procedures", i);
        }
        return new ProcedureCatalog(byCode);
    }

    /** Reads a procedures CSV (header {@link #HEADER}); {@code name} is used in error messages. */
    public static ProcedureCatalog parseCsv(String name, Reader reader) {
        Map<String, Procedure> byCode = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<CsvTable.Row> rows = new ArrayList<>(CsvTable.read(name, reader, HEADER));
        for (CsvTable.Row row : rows) {
            Procedure p = new Procedure(
                    row.required("code"),
                    row.required("name"),
                    row.required("field"),
                    workingDays(row),
                    bool(row, "feeRequired"),
                    row.enumValue("onlineLevel", OnlineLevel.class));
            add(byCode, lines, p, name, row.line());
        }
        return new ProcedureCatalog(byCode);
    }

    private static int workingDays(CsvTable.Row row) {
        String v = row.required("statutoryWorkingDays");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw row.error("statutoryWorkingDays", "'" + v + "' is not a whole number of working days");
        }
    }

    private static boolean bool(CsvTable.Row row, String column) {
        String v = row.required(column).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw row.error(column, "'" + row.get(column) + "' must be true or false");
        };
    }

    private static void add(Map<String, Procedure> byCode, Map<String, Integer> lines, Procedure p, String source, int line) {
        if (p.code() == null || p.code().isBlank()) {
            throw new CatalogException(source, line, "code", "value is required");
        }
        if (p.onlineLevel() == null) {
            throw new CatalogException(source, line, "onlineLevel", "value is required");
        }
        if (p.statutoryWorkingDays() < 1 || p.statutoryWorkingDays() > MAX_WORKING_DAYS) {
            throw new CatalogException(source, line, "statutoryWorkingDays",
                    p.statutoryWorkingDays() + " is outside 1.." + MAX_WORKING_DAYS);
        }
        Integer first = lines.putIfAbsent(p.code(), line);
        if (first != null) {
            throw new CatalogException(source, line, "code", "duplicate code '" + p.code() + "', first defined at line " + first);
        }
        byCode.put(p.code(), p);
    }

    public Optional<Procedure> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    /** The procedure's name, or the code itself when the catalog does not list it (a report still shows the row). */
    public String nameOf(String code) {
        return find(code).map(Procedure::name).orElse(code);
    }

    public boolean contains(String code) {
        return code != null && byCode.containsKey(code);
    }

    /** Every procedure, in catalog order. */
    public Collection<Procedure> all() {
        return byCode.values();
    }

    /**
     * The statutory processing time in working days.
     *
     * @throws IllegalArgumentException for a code not in the catalog
     */
    public int statutoryWorkingDays(String code) {
        return find(code)
                .orElseThrow(() -> new IllegalArgumentException("procedure '" + code + "' is not in the catalog"))
                .statutoryWorkingDays();
    }

    @Override
    public String toString() {
        return "ProcedureCatalog[" + byCode.size() + " procedures]";
    }
}
