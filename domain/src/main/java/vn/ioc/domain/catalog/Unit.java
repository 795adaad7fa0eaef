package vn.ioc.domain.catalog;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A unit of the catalog (đơn vị). {@code validFrom}/{@code validTo} are inclusive local dates,
 * null when open; {@code successorCode} names the unit it was merged into, if any.
 */
public record Unit(String code, String name, UnitLevel level, String parentCode,
                   LocalDate validFrom, LocalDate validTo, String successorCode) implements Serializable {

    public boolean isValidOn(LocalDate date) {
        return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || !date.isAfter(validTo));
    }
}
