package vn.ioc.analytics.lifecycle;

import vn.ioc.analytics.rows.AlertRow;
import vn.ioc.analytics.rows.DayDelta;
import vn.ioc.domain.event.DossierEvent;

/**
 * Everything the job keeps about one dossier, as one state value: its distinct events, its current
 * contributions to the daily aggregates and the procedure they count under, its alert episodes, and
 * how many events it has applied.
 * One value means one read and one write of the state backend per event (RocksDB on a cluster),
 * instead of one per piece. Arrays, so that Flink serializes it with its own POJO serializers.
 */
public record DossierBundle(DossierEvent[] events, DayDelta[] contributions, String procedureCode, AlertRow[] alerts,
                            long version) {

    public static final DossierBundle EMPTY = new DossierBundle(new DossierEvent[0], new DayDelta[0], "", new AlertRow[0], 0);

    public boolean has(String eventId) {
        for (DossierEvent e : events) {
            if (e.eventId().equals(eventId)) {
                return true;
            }
        }
        return false;
    }
}
