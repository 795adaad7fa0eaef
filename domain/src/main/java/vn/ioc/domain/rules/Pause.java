package vn.ioc.domain.rules;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * A stop of the processing clock while the citizen supplements the dossier: opened by
 * SUPPLEMENT_REQUESTED, closed by the next SUPPLEMENT_RECEIVED. {@code closedAt} is null while open.
 */
public record Pause(Instant openedAt, Instant closedAt) implements Serializable {

    public boolean isClosed() {
        return closedAt != null;
    }

    /** Calendar length of a closed pause. */
    public Duration length() {
        if (closedAt == null) {
            throw new IllegalStateException("an open pause has no length yet");
        }
        return Duration.between(openedAt, closedAt);
    }

    /** Closed strictly before {@code t}. */
    public boolean closedBefore(Instant t) {
        return closedAt != null && closedAt.isBefore(t);
    }

    /** Open at the last instant before {@code t}: opened before t and not closed before t. */
    public boolean openJustBefore(Instant t) {
        return openedAt.isBefore(t) && (closedAt == null || !closedAt.isBefore(t));
    }
}
