package vn.ioc.domain.alerts;

import java.io.Serializable;
import java.time.Instant;

/**
 * One stretch of time during which an alert holds for a dossier: from {@code raisedAt} until
 * {@code resolvedAt} (exclusive; null while it still holds on the events known). Episodes are
 * derived from the dossier's events alone, never from the clock, so every run over the same events
 * gives the same episodes; whether an alert is active is read at an instant: raisedAt <= t < resolvedAt.
 */
public record AlertEpisode(String dossierId, AlertKind kind, Instant raisedAt, Instant resolvedAt, Instant dueAt)
        implements Serializable {

    public boolean activeAt(Instant t) {
        return !raisedAt.isAfter(t) && (resolvedAt == null || resolvedAt.isAfter(t));
    }
}
