package vn.ioc.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import vn.ioc.domain.event.Rejection;
import vn.ioc.ingest.deadletter.DeadLetterJson;
import vn.ioc.ingest.deadletter.DeadLetterStats;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** Writes the endpoint's answers. */
final class ResultsJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ResultsJson() {
    }

    /**
     * {@code {"accepted":n,"rejected":m,"notStored":k,"results":[{"index":i,"line":l,"eventId":"...","status":"...","errors":[...]}],
     * "snapshots":[...],"warning":"...","error":"..."}}
     */
    static void write(OutputStream out, Outcomes outcomes, boolean onlyProblems, List<SnapshotBatch.SnapshotRow> snapshots,
                      String warning, String error) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("accepted", outcomes.accepted());
            g.writeNumberField("rejected", outcomes.rejected());
            g.writeNumberField("notStored", outcomes.notStored());
            if (error != null) {
                g.writeStringField("error", error);
            }
            if (warning != null) {
                g.writeStringField("warning", warning);
            }
            g.writeArrayFieldStart("results");
            for (Outcomes.Row r : outcomes.rows()) {
                if (onlyProblems && Outcomes.ACCEPTED.equals(r.status)) {
                    continue;
                }
                g.writeStartObject();
                g.writeNumberField("index", r.index);
                g.writeNumberField("line", r.line);
                g.writeStringField("eventId", r.eventId);
                g.writeStringField("status", r.status);
                g.writeArrayFieldStart("errors");
                for (Rejection e : r.allErrors()) {
                    DeadLetterJson.writeRejection(g, e);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            if (snapshots != null) {
                g.writeArrayFieldStart("snapshots");
                for (SnapshotBatch.SnapshotRow s : snapshots) {
                    g.writeStartObject();
                    g.writeNumberField("index", s.index);
                    g.writeStringField("dossierId", s.dossierId);
                    g.writeStringField("status", s.status);
                    g.writeNumberField("newEvents", s.events);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
    }

    static void error(OutputStream out, String message) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        }
    }

    static void stats(OutputStream out, DeadLetterStats.Counts c) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("total", c.total());
            g.writeNumberField("replayed", c.replayed());
            g.writeNumberField("pending", c.pending());
            counts(g, "byReason", c.byReason());
            counts(g, "pendingByReason", c.pendingByReason());
            counts(g, "bySource", c.bySource());
            g.writeStringField("lastReceivedAt", c.lastReceivedAt() == null ? null
                    : vn.ioc.domain.event.EventJson.formatTime(c.lastReceivedAt()));
            g.writeEndObject();
        }
    }

    private static void counts(JsonGenerator g, String name, Map<String, Long> m) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : m.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
