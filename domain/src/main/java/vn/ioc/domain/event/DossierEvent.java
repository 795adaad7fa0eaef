package vn.ioc.domain.event;

import java.io.Serializable;
import java.time.Instant;

/**
 * One dossier event of the input contract (see docs/event-contract.md). Instants are stored
 * unambiguously; the province's clock (Asia/Ho_Chi_Minh) is applied only when a person reads them
 * or when a rule asks for a local date.
 *
 * <p>Optional booleans of the contract default to false; fields that do not belong to the event's
 * type are null.
 */
public record DossierEvent(
        String eventId,
        String dossierId,
        EventType type,
        Instant at,
        String unitCode,
        // RECEIVED
        String procedureCode,
        Channel channel,
        Instant dueAt,
        boolean feeRequired,
        boolean digitized,
        boolean reusedData,
        // TRANSFERRED
        String toUnitCode,
        // PAID
        boolean online,
        // APOLOGY_ISSUED
        Instant newDueAt,
        // COMPLETED
        boolean electronicResult,
        // RETURNED
        boolean byPost,
        // RATED
        Integer rating) implements Serializable {

    /** An event with only the fields every type has; use the {@code with...} copies to add the rest. */
    public static DossierEvent of(String eventId, String dossierId, EventType type, Instant at, String unitCode) {
        return new DossierEvent(eventId, dossierId, type, at, unitCode,
                null, null, null, false, false, false, null, false, null, false, false, null);
    }

    public DossierEvent withReception(String procedureCode, Channel channel, Instant dueAt,
                                      boolean feeRequired, boolean digitized, boolean reusedData) {
        return new DossierEvent(eventId, dossierId, type, at, unitCode, procedureCode, channel, dueAt,
                feeRequired, digitized, reusedData, toUnitCode, online, newDueAt, electronicResult, byPost, rating);
    }

    public DossierEvent withToUnitCode(String toUnitCode) {
        return new DossierEvent(eventId, dossierId, type, at, unitCode, procedureCode, channel, dueAt,
                feeRequired, digitized, reusedData, toUnitCode, online, newDueAt, electronicResult, byPost, rating);
    }

    public DossierEvent withOnline(boolean online) {
        return new DossierEvent(eventId, dossierId, type, at, unitCode, procedureCode, channel, dueAt,
                feeRequired, digitized, reusedData, toUnitCode, online, newDueAt, electronicResult, byPost, rating);
    }

    public DossierEvent withNewDueAt(Instant newDueAt) {
        return new DossierEvent(eventId, dossierId, type, at, unitCode, procedureCode, channel, dueAt,
                feeRequired, digitized, reusedData, toUnitCode, online, newDueAt, electronicResult, byPost, rating);
    }

    public DossierEvent withElectronicResult(boolean electronicResult) {
        return new DossierEvent(eventId, dossierId, type, at, unitCode, procedureCode, channel, dueAt,
                feeRequired, digitized, reusedData, toUnitCode, online, newDueAt, electronicResult, byPost, rating);
    }

    public DossierEvent withByPost(boolean byPost) {
        return new DossierEvent(eventId, dossierId, type, at, unitCode, procedureCode, channel, dueAt,
                feeRequired, digitized, reusedData, toUnitCode, online, newDueAt, electronicResult, byPost, rating);
    }

    public DossierEvent withRating(Integer rating) {
        return new DossierEvent(eventId, dossierId, type, at, unitCode, procedureCode, channel, dueAt,
                feeRequired, digitized, reusedData, toUnitCode, online, newDueAt, electronicResult, byPost, rating);
    }
}
