package vn.ioc.dashboard.dossier;

import java.util.Collection;

/**
 * The unit part of a WHERE clause over {@code dossiers} or {@code alerts}, written the way ClickHouse
 * answers it fastest for the size of the unit set (the parameter {@code {units:Array(String)}} holds
 * the set). Both forms select exactly the same rows.
 *
 * <p>A small set (a department, a district and its communes) prunes granules with a skip index, so
 * the condition names the indexed column. A large set (the province) matches nearly every granule:
 * asking the indexes costs more than it saves, and {@code hasAny} over dozens of codes is slow per
 * row, so the condition is a plain {@code IN} and the query tells ClickHouse to leave those indexes
 * alone ({@link #settings}).
 */
public final class UnitCondition {

    /** Up to this many units the skip indexes pay for themselves (a district has about 15 units). */
    static final int INDEXED_UP_TO = 32;

    private final boolean indexed;

    private UnitCondition(boolean indexed) {
        this.indexed = indexed;
    }

    public static UnitCondition of(Collection<String> units) {
        return new UnitCondition(units.size() <= INDEXED_UP_TO);
    }

    /** Listed under one of the units: received there or held there now ({@code listed_units}, migration V006). */
    public String listed() {
        return indexed ? "hasAny(listed_units, {units:Array(String)})"
                : "(unit_code IN {units:Array(String)} OR current_unit_code IN {units:Array(String)})";
    }

    /** Received by one of the units. */
    public String received() {
        return "unit_code IN {units:Array(String)}";
    }

    /** The query's SETTINGS clause (with its leading space), or nothing. */
    public String settings() {
        return indexed ? "" : " SETTINGS ignore_data_skipping_indices = 'idx_unit,idx_current_unit,idx_listed_units'";
    }
}
