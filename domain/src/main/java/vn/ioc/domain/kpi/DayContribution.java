package vn.ioc.domain.kpi;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * What one dossier adds to the aggregate row of a unit and a local day. All fields are flows on
 * that day except {@code openAtEnd} and {@code overdueAtEnd}, which are day-deltas: the value at
 * the end of a day is the sum of the deltas of that day and every day before.
 */
public record DayContribution(String unitCode, LocalDate day, KpiCounts counts) implements Serializable {
}
