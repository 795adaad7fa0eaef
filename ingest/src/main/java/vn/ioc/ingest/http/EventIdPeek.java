package vn.ioc.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** The eventId of a rejected input, when it has a readable one, so the client can match the verdict. */
final class EventIdPeek {

    private static final JsonFactory FACTORY = new JsonFactory();

    private EventIdPeek() {
    }

    static String of(byte[] raw) {
        try (JsonParser p = FACTORY.createParser(raw)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("eventId".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? shorten(p.getText()) : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (Exception e) {
            return null; // unreadable before any eventId: there is none to show
        }
    }

    private static String shorten(String id) {
        return id.length() > 200 ? id.substring(0, 200) : id;
    }
}
