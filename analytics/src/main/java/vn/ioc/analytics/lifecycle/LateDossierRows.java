package vn.ioc.analytics.lifecycle;

import vn.ioc.analytics.rows.DayDelta;
import vn.ioc.analytics.rows.DossierRow;
import vn.ioc.analytics.rows.LateDossierRow;
import vn.ioc.domain.calendar.WorkingCalendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What to write to {@code late_dossiers} after a dossier's event. Whether and where the dossier
 * ended late is read from its contributions to the daily counts (a late end counts once, under the
 * receiving unit on the local end day), before and after the event: the stored contributions say
 * where the table holds it now, without keeping anything more per dossier.
 */
public final class LateDossierRows {

    private LateDossierRows() {
    }

    public static List<LateDossierRow> changes(DossierRow now, List<DayDelta> before, List<DayDelta> after, long version) {
        List<LateDossierRow> out = new ArrayList<>(2);
        DayDelta late = lateEnd(after);
        for (DayDelta was : before) {
            boolean stillThere = late != null && late.epochDay() == was.epochDay() && late.unitCode().equals(was.unitCode());
            if (was.delta().late() > 0 && !stillThere) {
                long dayStart = LocalDate.ofEpochDay(was.epochDay()).atStartOfDay(WorkingCalendar.ZONE).toInstant().toEpochMilli();
                out.add(new LateDossierRow(now.dossierId(), was.unitCode(), "", "", DossierRow.NONE, DossierRow.NONE, dayStart,
                        was.epochDay(), 0, version, true));
            }
        }
        if (late != null) {
            out.add(new LateDossierRow(now.dossierId(), late.unitCode(), now.currentUnitCode(), now.procedureCode(),
                    now.receivedAt(), now.effectiveDueAt(), now.endAt(), late.epochDay(), now.supplementRequests(), version, false));
        }
        return out;
    }

    private static DayDelta lateEnd(List<DayDelta> contributions) {
        for (DayDelta c : contributions) {
            if (c.delta().late() > 0) {
                return c;
            }
        }
        return null;
    }
}
