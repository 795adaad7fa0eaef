package vn.ioc.analytics.lifecycle;

import vn.ioc.analytics.rows.AlertRow;
import vn.ioc.domain.alerts.AlertEpisode;
import vn.ioc.domain.rules.DossierState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A dossier's alert episodes as rows, and what to write when they change. */
public final class AlertRows {

    private AlertRows() {
    }

    public static List<AlertRow> of(DossierState s, List<AlertEpisode> episodes, long version) {
        List<AlertRow> rows = new ArrayList<>(episodes.size());
        for (AlertEpisode e : episodes) {
            rows.add(new AlertRow(s.dossierId(), e.kind().name(), e.raisedAt().toEpochMilli(), millis(e.resolvedAt()),
                    millis(e.dueAt()), s.unitCode(), s.currentUnitCode() == null ? s.unitCode() : s.currentUnitCode(),
                    s.procedureCode() == null ? "" : s.procedureCode(), version, false));
        }
        return rows;
    }

    /**
     * The rows to write: new or changed episodes, and deletions for the ones that disappeared. An
     * unchanged episode is not written again.
     */
    public static List<AlertRow> changes(List<AlertRow> previous, List<AlertRow> current, long version) {
        Map<String, AlertRow> before = new HashMap<>();
        for (AlertRow r : previous) {
            before.put(r.key(), r);
        }
        List<AlertRow> out = new ArrayList<>();
        for (AlertRow r : current) {
            AlertRow old = before.remove(r.key());
            if (old == null || !old.sameContent(r)) {
                out.add(r);
            }
        }
        for (AlertRow gone : before.values()) {
            out.add(gone.asDeleted(version));
        }
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }

    private static long millis(Instant t) {
        return t == null ? -1 : t.toEpochMilli();
    }
}
