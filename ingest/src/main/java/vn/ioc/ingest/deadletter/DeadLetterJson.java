package vn.ioc.ingest.deadletter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.ioc.domain.event.EventJson;
import vn.ioc.domain.event.Rejection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The JSON form of the dead-letter topic's records (docs/ingest.md):
 * <pre>
 * {"kind":"dead-letter","id":"...","receivedAt":"2026-03-02T09:15:00.123+07:00","source":"igate-haugiang",
 *  "input":"event","origin":"POST /ingest/events item 3","reasonCode":"UNKNOWN_UNIT",
 *  "reason":"UNKNOWN_UNIT unitCode: '000.99.99.H23' is not in the unit catalog",
 *  "errors":[{"code":"UNKNOWN_UNIT","field":"unitCode","reason":"..."}],
 *  "raw":"{...}","rawBase64":false,"rawBytes":212,"rawTruncated":false}
 * {"kind":"replayed","deadLetterId":"...","reasonCode":"UNKNOWN_UNIT","source":"...","eventId":"...","replayedAt":"..."}
 * </pre>
 */
public final class DeadLetterJson {

    public static final String KIND_HEADER = "ioc-kind";
    public static final String KIND_DEAD_LETTER = "dead-letter";
    public static final String KIND_REPLAYED = "replayed";

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DeadLetterJson() {
    }

    public static String kind(DeadLetterRecord r) {
        return r instanceof DeadLetter ? KIND_DEAD_LETTER : KIND_REPLAYED;
    }

    public static byte[] toJson(DeadLetterRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("kind", kind(record));
            if (record instanceof DeadLetter d) {
                g.writeStringField("id", d.id());
                g.writeStringField("receivedAt", time(d.receivedAt()));
                g.writeStringField("source", d.source());
                g.writeStringField("input", d.input());
                g.writeStringField("origin", d.origin());
                g.writeStringField("reasonCode", d.reasonCode());
                g.writeStringField("reason", d.reason());
                g.writeArrayFieldStart("errors");
                for (Rejection r : d.errors()) {
                    writeRejection(g, r);
                }
                g.writeEndArray();
                String text = d.rawText();
                g.writeStringField("raw", text != null ? text : Base64.getEncoder().encodeToString(d.raw()));
                g.writeBooleanField("rawBase64", text == null);
                g.writeNumberField("rawBytes", d.rawSize());
                g.writeBooleanField("rawTruncated", d.rawTruncated());
            } else if (record instanceof ReplayMarker m) {
                g.writeStringField("deadLetterId", m.deadLetterId());
                g.writeStringField("reasonCode", m.reasonCode());
                g.writeStringField("source", m.source());
                g.writeStringField("eventId", m.eventId());
                g.writeStringField("replayedAt", time(m.replayedAt()));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static void writeRejection(JsonGenerator g, Rejection r) throws IOException {
        g.writeStartObject();
        g.writeStringField("code", r.code());
        g.writeStringField("field", r.field());
        g.writeStringField("reason", r.reason());
        g.writeEndObject();
    }

    /**
     * Reads a record of the dead-letter topic.
     *
     * @throws IllegalArgumentException when it is not one this module writes
     */
    public static DeadLetterRecord read(byte[] json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a dead-letter record: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a dead-letter record: not a JSON object");
        }
        String kind = n.path("kind").asText("");
        try {
            if (kind.equals(KIND_REPLAYED)) {
                return new ReplayMarker(text(n, "deadLetterId"), text(n, "reasonCode"), text(n, "source"),
                        text(n, "eventId"), OffsetDateTime.parse(text(n, "replayedAt")).toInstant());
            }
            if (!kind.equals(KIND_DEAD_LETTER)) {
                throw new IllegalArgumentException("not a dead-letter record: kind '" + kind + "'");
            }
            List<Rejection> errors = new ArrayList<>();
            for (JsonNode e : n.path("errors")) {
                errors.add(new Rejection(text(e, "code"), e.path("field").isTextual() ? e.get("field").textValue() : null, text(e, "reason")));
            }
            String raw = text(n, "raw");
            byte[] bytes = n.path("rawBase64").asBoolean(false) ? Base64.getDecoder().decode(raw) : raw.getBytes(StandardCharsets.UTF_8);
            return new DeadLetter(text(n, "id"), OffsetDateTime.parse(text(n, "receivedAt")).toInstant(),
                    text(n, "source"), text(n, "input"), n.path("origin").isTextual() ? n.get("origin").textValue() : null,
                    errors, bytes, n.path("rawBytes").asLong(bytes.length));
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("not a dead-letter")) {
                throw e;
            }
            throw new IllegalArgumentException("not a dead-letter record: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("not a dead-letter record: no " + field);
        }
        return v.textValue();
    }

    /** Times as the province reads them, with milliseconds. */
    private static String time(java.time.Instant t) {
        return EventJson.formatTime(t);
    }
}
