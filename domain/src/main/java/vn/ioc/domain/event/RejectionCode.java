package vn.ioc.domain.event;

/** The stable reason codes of {@link Rejection}; dead letters are counted by these names. */
public enum RejectionCode {
    /** Not UTF-8, not JSON, not one JSON object, over a size or nesting limit, or a duplicated field. */
    BAD_JSON,
    /** {@code type} is not one of the contract's event types. */
    UNKNOWN_TYPE,
    /** A field the event's type requires is absent or null. */
    MISSING_FIELD,
    /** A time that is not ISO-8601 with an offset, or outside 2000..2100, or a due before the receipt. */
    BAD_TIME,
    /** {@code unitCode} or {@code toUnitCode} is not in the unit catalog. */
    UNKNOWN_UNIT,
    /** {@code procedureCode} is not in the procedure catalog. */
    UNKNOWN_PROCEDURE,
    /** A value of the wrong JSON type, an empty or too long id, a channel or rating outside its set. */
    BAD_VALUE
}
