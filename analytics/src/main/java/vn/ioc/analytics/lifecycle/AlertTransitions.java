package vn.ioc.analytics.lifecycle;

import vn.ioc.analytics.rows.AlertChange;
import vn.ioc.analytics.rows.AlertRow;
import vn.ioc.analytics.rows.AlertTransitionRow;
import vn.ioc.domain.calendar.WorkingCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A dossier's alert episodes as transitions in time, for {@code alert_transitions} and
 * {@code alert_daily}: each episode is raised once and resolved at most once. Both outputs are
 * computed from the dossier's episodes before and after an event, so a late event that moves a
 * resolution, or makes an episode disappear, corrects the rows it touched and nothing else.
 */
public final class AlertTransitions {

    private AlertTransitions() {
    }

    /** The raise of each episode and the resolution of each resolved one. */
    public static List<AlertTransitionRow> of(Collection<AlertRow> episodes) {
        List<AlertTransitionRow> out = new ArrayList<>(episodes.size() * 2);
        for (AlertRow e : episodes) {
            out.add(new AlertTransitionRow(e.raisedAt(), AlertTransitionRow.RAISED, e));
            if (e.resolvedAt() >= 0) {
                out.add(new AlertTransitionRow(e.resolvedAt(), AlertTransitionRow.RESOLVED, e));
            }
        }
        return out;
    }

    /**
     * The transition rows to write when the episodes change from {@code before} to {@code after}
     * (the dossier's episodes at {@code version}): new or changed ones, and deletions of the ones that
     * are gone.
     */
    public static List<AlertTransitionRow> changes(Collection<AlertRow> before, Collection<AlertRow> after, long version) {
        Map<String, AlertTransitionRow> previous = new HashMap<>();
        for (AlertTransitionRow t : of(before)) {
            previous.put(t.key(), t);
        }
        // In key order, so that a re-run writes the same sequence; each key is built once.
        SortedMap<String, AlertTransitionRow> out = new TreeMap<>();
        for (AlertTransitionRow t : of(after)) {
            String key = t.key();
            AlertTransitionRow old = previous.remove(key);
            if (old == null || !old.sameContent(t)) {
                out.put(key, t);
            }
        }
        previous.forEach((key, gone) -> out.put(key, gone.asDeleted(version)));
        return new ArrayList<>(out.values());
    }

    private record DayKey(String unitCode, String currentUnitCode, String kind, long epochDay)
            implements Comparable<DayKey> {
        @Override
        public int compareTo(DayKey o) {
            int c = unitCode.compareTo(o.unitCode);
            if (c == 0) {
                c = currentUnitCode.compareTo(o.currentUnitCode);
            }
            if (c == 0) {
                c = kind.compareTo(o.kind);
            }
            return c != 0 ? c : Long.compare(epochDay, o.epochDay);
        }
    }

    /**
     * What to add to {@code alert_daily} when the episodes change from {@code before} to
     * {@code after}: per (receiving unit, current unit, kind, local day) the difference in raises and
     * resolutions, only where it is not zero, in key order so a re-run emits the same sequence.
     */
    public static List<AlertChange> dayChanges(Collection<AlertRow> before, Collection<AlertRow> after) {
        Map<DayKey, long[]> sums = new TreeMap<>();
        count(sums, after, 1);
        count(sums, before, -1);
        List<AlertChange> out = new ArrayList<>();
        sums.forEach((k, v) -> {
            if (v[0] != 0 || v[1] != 0) {
                out.add(new AlertChange(k.unitCode(), k.currentUnitCode(), k.kind(), k.epochDay(), v[0], v[1], 1));
            }
        });
        return out;
    }

    private static void count(Map<DayKey, long[]> sums, Collection<AlertRow> episodes, int sign) {
        for (AlertRow e : episodes) {
            sums.computeIfAbsent(key(e, e.raisedAt()), k -> new long[2])[0] += sign;
            if (e.resolvedAt() >= 0) {
                sums.computeIfAbsent(key(e, e.resolvedAt()), k -> new long[2])[1] += sign;
            }
        }
    }

    private static DayKey key(AlertRow e, long at) {
        return new DayKey(e.unitCode(), e.currentUnitCode(), e.kind(), localDay(at));
    }

    /** The local (Asia/Ho_Chi_Minh) day of an instant, as an epoch day. */
    static long localDay(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), WorkingCalendar.ZONE).toEpochDay();
    }
}
