package vn.ioc.ingest.deadletter;

import vn.ioc.domain.event.Rejection;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An input that was not accepted, kept with its reasons so that an operator can see it and replay
 * it once the cause is fixed (a unit added to the catalog, a producer corrected).
 *
 * @param id         unique id of this dead letter
 * @param receivedAt when the input arrived
 * @param source     the one-stop system (its token's name) or the file it came from
 * @param input      what the raw bytes are: {@link #EVENT} or {@link #NATIONAL_SNAPSHOT}
 * @param origin     where in that source, for a person: {@code POST /ingest/events item 12},
 *                   {@code events.jsonl.gz line 4031}
 * @param errors     every problem found, at least one; the first gives the reason code
 * @param raw        the input's bytes, only the first ones when it was longer than the item limit
 * @param rawSize    the input's real length in bytes
 */
public record DeadLetter(String id, Instant receivedAt, String source, String input, String origin,
                         List<Rejection> errors, byte[] raw, long rawSize) implements DeadLetterRecord {

    /** The raw bytes are one dossier event (a line, an array element, a body). */
    public static final String EVENT = "event";
    /** The raw bytes are one national-portal snapshot (DongBoHoSoMC); replay it from its source. */
    public static final String NATIONAL_SNAPSHOT = "national-snapshot";

    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(input, "input");
        errors = List.copyOf(errors);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a dead letter says why: errors must not be empty");
        }
        Objects.requireNonNull(raw, "raw");
    }

    /** At most this much of an input is kept: a record must stay well under Kafka's 1 MB message limit. */
    public static final int MAX_RAW_BYTES = 256 * 1024;

    /** A new dead letter, received now; keeps at most {@link #MAX_RAW_BYTES} of {@code raw}. */
    public static DeadLetter of(String source, String input, String origin, List<Rejection> errors, byte[] raw, long rawSize) {
        byte[] kept = raw.length > MAX_RAW_BYTES ? java.util.Arrays.copyOf(raw, MAX_RAW_BYTES) : raw;
        return new DeadLetter(UUID.randomUUID().toString(), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), source, input, origin, errors, kept,
                Math.max(rawSize, raw.length));
    }

    /** The code dead letters are counted by: the first error's. */
    public String reasonCode() {
        return errors.get(0).code();
    }

    /** The first error, as a sentence. */
    public String reason() {
        return errors.get(0).toString();
    }

    public boolean rawTruncated() {
        return rawSize > raw.length;
    }

    /** The raw bytes as text when they are valid UTF-8, else null (they are then kept in base64). */
    public String rawText() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public String key() {
        return source;
    }
}
