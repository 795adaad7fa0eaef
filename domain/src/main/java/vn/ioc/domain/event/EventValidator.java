package vn.ioc.domain.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.ioc.domain.catalog.Catalogs;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Checks one input against the event contract (docs/event-contract.md) and turns it into a
 * {@link DossierEvent}. It never throws on its input: anything (invalid UTF-8, deep nesting, huge
 * numbers, an array, a truncated line) gives a {@link Verdict} with one {@link Rejection} per
 * problem found, so the pipeline can keep the input with its reasons and move on.
 *
 * <p>Only the fields of the event's type are read; other fields are ignored, so producers can add
 * fields without breaking readers. A field present with JSON null counts as absent.
 *
 * <p>Serializable when its two predicates are (the {@link Catalogs} constructor makes them so).
 */
public final class EventValidator implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int MAX_ID_LENGTH = 128;
    /** Events are a few hundred bytes; anything this large is not an event. */
    public static final int MAX_INPUT_BYTES = 64 * 1024;
    static final int MAX_NESTING_DEPTH = 16;
    static final Instant EARLIEST = OffsetDateTime.parse("2000-01-01T00:00:00+07:00").toInstant();
    static final Instant LATEST_EXCLUSIVE = OffsetDateTime.parse("2101-01-01T00:00:00+07:00").toInstant();
    private static final int SHOWN_VALUE_LENGTH = 60;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_INPUT_BYTES)
                    .maxNumberLength(64)
                    .maxNameLength(1024)
                    .maxDocumentLength(MAX_INPUT_BYTES * 4L)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Predicate<String> knownUnit;
    private final Predicate<String> knownProcedure;

    public EventValidator(Predicate<String> knownUnit, Predicate<String> knownProcedure) {
        this.knownUnit = knownUnit;
        this.knownProcedure = knownProcedure;
    }

    /** Units and procedures are known when they are in the catalogs (whatever a unit's validity dates). */
    public EventValidator(Catalogs catalogs) {
        this((Predicate<String> & Serializable) catalogs.units()::contains,
                (Predicate<String> & Serializable) catalogs.procedures()::contains);
    }

    /** Validates UTF-8 bytes, e.g. a Kafka record value or a line of a JSON Lines file. */
    public Verdict validate(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return wholeInput("empty input");
        }
        if (raw.length > MAX_INPUT_BYTES) {
            return wholeInput("input of " + raw.length + " bytes exceeds " + MAX_INPUT_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            return wholeInput("not valid UTF-8");
        }
        return validate(text);
    }

    public Verdict validate(String raw) {
        if (raw == null) {
            return wholeInput("empty input");
        }
        if (raw.startsWith("\uFEFF")) {
            raw = raw.substring(1);
        }
        if (raw.isBlank()) {
            return wholeInput("empty input");
        }
        if (raw.length() > MAX_INPUT_BYTES) {
            return wholeInput("input of " + raw.length() + " characters exceeds " + MAX_INPUT_BYTES);
        }
        try {
            JsonNode root = MAPPER.readTree(raw);
            if (root == null || root.isMissingNode()) {
                return wholeInput("empty input");
            }
            if (!root.isObject()) {
                return wholeInput("must be a JSON object, was " + kind(root));
            }
            return new Reading(root).verdict();
        } catch (JsonProcessingException e) {
            return wholeInput("not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (RuntimeException e) {
            return wholeInput("unreadable input: " + e.getClass().getSimpleName() + " " + firstLine(e.getMessage()));
        }
    }

    private static Verdict wholeInput(String reason) {
        return Verdict.reject(List.of(new Rejection(RejectionCode.BAD_JSON, null, reason)));
    }

    /** The checks of one object; collects every problem rather than stopping at the first. */
    private final class Reading {
        private final JsonNode obj;
        private final List<Rejection> rejections = new ArrayList<>();
        private EventType type;

        Reading(JsonNode obj) {
            this.obj = obj;
        }

        Verdict verdict() {
            String eventId = id("eventId");
            String dossierId = id("dossierId");
            type = type();
            Instant at = time("at", true);
            String unitCode = unit("unitCode");
            DossierEvent e = DossierEvent.of(eventId, dossierId, type, at, unitCode);
            if (type != null) {
                e = switch (type) {
                    case RECEIVED -> received(e, at);
                    case TRANSFERRED -> e.withToUnitCode(unit("toUnitCode"));
                    case PAID -> e.withOnline(requiredBoolean("online"));
                    case APOLOGY_ISSUED -> e.withNewDueAt(time("newDueAt", true));
                    case COMPLETED -> e.withElectronicResult(optionalBoolean("electronicResult"));
                    case RETURNED -> e.withByPost(optionalBoolean("byPost"));
                    case RATED -> e.withRating(rating());
                    default -> e;
                };
            }
            return rejections.isEmpty() ? Verdict.accept(e) : Verdict.reject(rejections);
        }

        private DossierEvent received(DossierEvent e, Instant at) {
            String procedureCode = requiredString("procedureCode");
            if (procedureCode != null && !knownProcedure.test(procedureCode)) {
                reject(RejectionCode.UNKNOWN_PROCEDURE, "procedureCode", show(procedureCode) + " is not in the procedure catalog");
            }
            Channel channel = channel();
            Instant dueAt = time("dueAt", false);
            if (dueAt != null && at != null && dueAt.isBefore(at)) {
                reject(RejectionCode.BAD_TIME, "dueAt", "is before at: a dossier cannot be due before it was received");
            }
            return e.withReception(procedureCode, channel, dueAt,
                    optionalBoolean("feeRequired"), optionalBoolean("digitized"), optionalBoolean("reusedData"));
        }

        private JsonNode field(String name) {
            JsonNode n = obj.get(name);
            return n == null || n.isNull() ? null : n;
        }

        private void reject(RejectionCode code, String field, String reason) {
            rejections.add(new Rejection(code, field, reason));
        }

        private void missing(String name) {
            String scope = type == null || isCommon(name) ? "every event" : type.name();
            reject(RejectionCode.MISSING_FIELD, name, "is required for " + scope);
        }

        private boolean isCommon(String name) {
            return switch (name) {
                case "eventId", "dossierId", "type", "at", "unitCode" -> true;
                default -> false;
            };
        }

        private String requiredString(String name) {
            JsonNode n = field(name);
            if (n == null) {
                missing(name);
                return null;
            }
            if (!n.isTextual()) {
                reject(RejectionCode.BAD_VALUE, name, "must be a JSON string, was " + kind(n));
                return null;
            }
            return n.textValue();
        }

        private String id(String name) {
            String v = requiredString(name);
            if (v == null) {
                return null;
            }
            if (v.isBlank()) {
                reject(RejectionCode.BAD_VALUE, name, "must not be empty");
                return null;
            }
            if (v.length() > MAX_ID_LENGTH) {
                reject(RejectionCode.BAD_VALUE, name, "is " + v.length() + " characters long, at most " + MAX_ID_LENGTH + " allowed");
                return null;
            }
            if (!printableUnicode(v)) {
                // ids travel into logs, exports and links: a control character or half a surrogate pair breaks them
                reject(RejectionCode.BAD_VALUE, name, "must not contain control characters or unpaired surrogates");
                return null;
            }
            return v;
        }

        private EventType type() {
            String v = requiredString("type");
            if (v == null) {
                return null;
            }
            try {
                return EventType.valueOf(v);
            } catch (IllegalArgumentException e) {
                reject(RejectionCode.UNKNOWN_TYPE, "type", show(v) + " is not one of " + Arrays.toString(EventType.values()));
                return null;
            }
        }

        private String unit(String name) {
            String v = requiredString(name);
            if (v != null && !knownUnit.test(v)) {
                reject(RejectionCode.UNKNOWN_UNIT, name, show(v) + " is not in the unit catalog");
            }
            return v;
        }

        private Channel channel() {
            String v = requiredString("channel");
            if (v == null) {
                return null;
            }
            try {
                return Channel.valueOf(v);
            } catch (IllegalArgumentException e) {
                reject(RejectionCode.BAD_VALUE, "channel", show(v) + " is not COUNTER, ONLINE or POSTAL");
                return null;
            }
        }

        private Instant time(String name, boolean required) {
            JsonNode n = field(name);
            if (n == null) {
                if (required) {
                    missing(name);
                }
                return null;
            }
            if (!n.isTextual()) {
                reject(RejectionCode.BAD_VALUE, name, "must be a JSON string holding an ISO-8601 time, was " + kind(n));
                return null;
            }
            String v = n.textValue();
            Instant t;
            try {
                t = OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                reject(RejectionCode.BAD_TIME, name, hasNoOffset(v)
                        ? show(v) + " has no offset; write it like 2025-06-03T14:10:00+07:00"
                        : show(v) + " is not an ISO-8601 time with an offset, like 2025-06-03T14:10:00+07:00");
                return null;
            }
            if (t.isBefore(EARLIEST) || !t.isBefore(LATEST_EXCLUSIVE)) {
                reject(RejectionCode.BAD_TIME, name, show(v) + " is outside the years 2000 to 2100");
                return null;
            }
            return t;
        }

        private boolean hasNoOffset(String v) {
            try {
                LocalDateTime.parse(v, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                return true;
            } catch (DateTimeException e) {
                return false;
            }
        }

        private boolean optionalBoolean(String name) {
            JsonNode n = field(name);
            if (n == null) {
                return false;
            }
            if (!n.isBoolean()) {
                reject(RejectionCode.BAD_VALUE, name, "must be true or false, was " + kind(n));
                return false;
            }
            return n.booleanValue();
        }

        private boolean requiredBoolean(String name) {
            if (field(name) == null) {
                missing(name);
                return false;
            }
            return optionalBoolean(name);
        }

        private Integer rating() {
            JsonNode n = field("rating");
            if (n == null) {
                missing("rating");
                return null;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1 || n.intValue() > 3) {
                reject(RejectionCode.BAD_VALUE, "rating", "must be 1, 2 or 3, was " + show(n.toString()));
                return null;
            }
            return n.intValue();
        }
    }

    private static boolean printableUnicode(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= v.length() || !Character.isLowSurrogate(v.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String kind(JsonNode n) {
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String show(String v) {
        String s = v.length() > SHOWN_VALUE_LENGTH ? v.substring(0, SHOWN_VALUE_LENGTH) + "..." : v;
        return "'" + s + "'";
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown problem";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
