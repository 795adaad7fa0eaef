package vn.ioc.domain.rules;

import java.io.Serializable;
import java.time.Instant;

/** A citizen's rating: 1 Không hài lòng, 2 Hài lòng, 3 Rất hài lòng. */
public record Rating(String eventId, Instant at, int rating) implements Serializable {

    public boolean satisfied() {
        return rating == 2 || rating == 3;
    }

    public boolean unsatisfied() {
        return rating == 1;
    }
}
