package vn.ioc.analytics.lifecycle;

import vn.ioc.analytics.rows.AlertRow;
import vn.ioc.domain.alerts.AlertEpisode;
import vn.ioc.domain.rules.DossierState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A dossier's alert episodes as rows, and what to write when they change. */
public final class AlertRows {

    private AlertRows() {
    }

    public static List<AlertRow> of(DossierState s, List<AlertEpisode> episodes, long version) {
        List<AlertRow> rows = new ArrayList<>(episodes.size());
        for (AlertEpisode e : episodes) {
            rows.add(new AlertRow(s.dossierId(), e.kind().name(), e.raisedAt().toEpochMilli(), millis(e.resolvedAt()),
                    millis(e.dueAt()), millis(s.receivedAt()), s.supplementRequests(), s.unitCode(),
                    s.currentUnitCode() == null ? s.unitCode() : s.currentUnitCode(),
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
        // In key order, so that a re-run writes the same sequence; each key is built once.
        SortedMap<String, AlertRow> out = new TreeMap<>();
        for (AlertRow r : current) {
            String key = r.key();
            AlertRow old = before.remove(key);
            if (old == null || !old.sameContent(r)) {
                out.put(key, r);
            }
        }
        before.forEach((key, gone) -> out.put(key, gone.asDeleted(version)));
        return new ArrayList<>(out.values());
    }

    /**
     * The rows to write to {@code alerts_by_resolution} for the {@code changed} rows of
     * {@link #changes}: each of them, and before it a deletion of the episode under its old
     * resolution when that moved (the resolution is in that table's sorting key).
     */
    public static List<AlertRow> byResolution(List<AlertRow> previous, List<AlertRow> changed, long version) {
        List<AlertRow> out = new ArrayList<>(changed.size());
        for (AlertRow c : changed) {
            for (AlertRow p : previous) {
                if (p.sameEpisode(c) && p.resolvedAt() != c.resolvedAt()) {
                    out.add(p.asDeleted(version));
                }
            }
            out.add(c);
        }
        return out;
    }

    private static long millis(Instant t) {
        return t == null ? -1 : t.toEpochMilli();
    }
}
