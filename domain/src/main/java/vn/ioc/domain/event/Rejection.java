package vn.ioc.domain.event;

import java.io.Serializable;
import java.util.Objects;

/**
 * Why an input breaks the event contract. {@code code} is a stable short name to group dead letters
 * by (one of {@link RejectionCode}); {@code field} names the contract field, null when the input
 * as a whole is wrong (not JSON, not an object); {@code reason} is a sentence for the operator.
 */
public record Rejection(String code, String field, String reason) implements Serializable {

    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    public Rejection(RejectionCode code, String field, String reason) {
        this(code.name(), field, reason);
    }

    /** One line for logs and dead-letter views, e.g. {@code UNKNOWN_UNIT unitCode: '...' is not in the unit catalog}. */
    @Override
    public String toString() {
        return code + (field == null ? "" : " " + field) + ": " + reason;
    }
}
