package vn.ioc.domain.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a {@link DossierEvent} in the contract's JSON form (docs/event-contract.md): contract field
 * names, times ISO-8601 at the province's offset +07:00 (e.g. {@code 2025-06-03T14:10:00+07:00}),
 * only the fields of the event's type. Null fields and false optional booleans are left out, except
 * RECEIVED's three booleans and PAID's {@code online}, always written so a reader sees them stated.
 * The output is one line, so it can be appended to a JSON Lines file as is.
 */
public final class EventJson {

    /** Vietnam has had no daylight saving since 1975: the province's offset is fixed. */
    public static final ZoneOffset PROVINCE_OFFSET = ZoneOffset.ofHours(7);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final JsonFactory FACTORY = new JsonFactory();

    private EventJson() {
    }

    public static String toJson(DossierEvent e) {
        return new String(toJsonBytes(e), StandardCharsets.UTF_8);
    }

    public static byte[] toJsonBytes(DossierEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /** An instant as the contract writes it: ISO-8601 with the +07:00 offset. */
    public static String formatTime(Instant t) {
        return TIME.format(t.atOffset(PROVINCE_OFFSET));
    }

    private static void write(JsonGenerator g, DossierEvent e) throws IOException {
        g.writeStartObject();
        string(g, "eventId", e.eventId());
        string(g, "dossierId", e.dossierId());
        string(g, "type", e.type() == null ? null : e.type().name());
        time(g, "at", e.at());
        string(g, "unitCode", e.unitCode());
        if (e.type() != null) {
            switch (e.type()) {
                case RECEIVED -> {
                    string(g, "procedureCode", e.procedureCode());
                    string(g, "channel", e.channel() == null ? null : e.channel().name());
                    time(g, "dueAt", e.dueAt());
                    g.writeBooleanField("feeRequired", e.feeRequired());
                    g.writeBooleanField("digitized", e.digitized());
                    g.writeBooleanField("reusedData", e.reusedData());
                }
                case TRANSFERRED -> string(g, "toUnitCode", e.toUnitCode());
                case PAID -> g.writeBooleanField("online", e.online());
                case APOLOGY_ISSUED -> time(g, "newDueAt", e.newDueAt());
                case COMPLETED -> trueOnly(g, "electronicResult", e.electronicResult());
                case RETURNED -> trueOnly(g, "byPost", e.byPost());
                case RATED -> {
                    if (e.rating() != null) {
                        g.writeNumberField("rating", e.rating());
                    }
                }
                default -> {
                    // the other types carry only the common fields
                }
            }
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void time(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, formatTime(value));
        }
    }

    private static void trueOnly(JsonGenerator g, String name, boolean value) throws IOException {
        if (value) {
            g.writeBooleanField(name, true);
        }
    }
}
