package vn.ioc.analytics.lifecycle;

import vn.ioc.analytics.rows.DossierRow;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.rules.DossierState;
import vn.ioc.domain.rules.Pause;
import vn.ioc.domain.rules.Rating;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;

/** Flattens a dossier's state into its {@code dossiers} row. */
public final class DossierRows {

    private DossierRows() {
    }

    public static DossierRow of(DossierState s, Collection<DossierEvent> history, long version) {
        // A dossier that was never received still gets a row (refusals are worth seeing); it is
        // filed under the unit of its earliest event.
        DossierEvent earliest = history.stream()
                .min(Comparator.comparing(DossierEvent::at).thenComparing(DossierEvent::eventId))
                .orElseThrow();
        Instant lastEventAt = history.stream().map(DossierEvent::at).max(Comparator.naturalOrder()).orElseThrow();
        String unit = s.unitCode() != null ? s.unitCode() : earliest.unitCode();
        String currentUnit = s.currentUnitCode() != null ? s.currentUnitCode() : unit;
        long pausedSeconds = 0;
        boolean pauseOpen = false;
        for (Pause p : s.pauses()) {
            if (p.closedAt() == null) {
                pauseOpen = true;
            } else {
                pausedSeconds += Duration.between(p.openedAt(), p.closedAt()).getSeconds();
            }
        }
        int[] ratings = s.ratings().stream().mapToInt(Rating::rating).toArray();
        return new DossierRow(
                s.dossierId(),
                s.received(),
                unit,
                currentUnit,
                nz(s.procedureCode()),
                s.channel() == null ? "" : s.channel().name(),
                millis(s.receivedAt()),
                millis(s.dueAt()),
                millis(s.effectiveDueAt()),
                s.pauses().size(),
                pausedSeconds,
                pauseOpen,
                s.supplementRequests(),
                millis(s.endAt()),
                s.endKind() == null ? "" : s.endKind().name(),
                s.timeliness() == null ? "" : s.timeliness().name(),
                s.processingWorkingSeconds() == null ? DossierRow.NONE : s.processingWorkingSeconds(),
                s.feeRequired(),
                s.paidOnline(),
                s.electronicResult(),
                s.digitized(),
                s.reusedData(),
                millis(s.apologyAt()),
                millis(s.newDueAt()),
                ratings,
                lastEventAt.toEpochMilli(),
                history.size(),
                version);
    }

    private static long millis(Instant t) {
        return t == null ? DossierRow.NONE : t.toEpochMilli();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
