package vn.ioc.analytics.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.ioc.analytics.rows.DeadLetterReplayRow;
import vn.ioc.analytics.rows.DeadLetterRow;
import vn.ioc.analytics.source.RawEvent;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * Copies the ingest's dead-letter topic (events refused at the door, see docs/ingest.md) into the
 * same {@code dead_letters} table as the job's own refusals, so that one table shows every dead
 * letter; replay markers go to {@code dead_letter_replays}. A record of the topic this job cannot
 * read is itself kept as a dead letter rather than dropped.
 */
public final class DeadLetterTopicRecords extends ProcessFunction<RawEvent, DeadLetterRow> {

    public static final OutputTag<DeadLetterReplayRow> REPLAYS = new OutputTag<>("dead-letter-replays") { };
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void processElement(RawEvent raw, Context ctx, Collector<DeadLetterRow> out) {
        String text = new String(raw.value(), StandardCharsets.UTF_8);
        try {
            JsonNode n = JSON.readTree(text);
            String kind = n.path("kind").asText();
            if (kind.equals("replayed")) {
                ctx.output(REPLAYS, new DeadLetterReplayRow(n.path("source").asText(), n.path("deadLetterId").asText(),
                        n.path("eventId").asText(), n.path("reasonCode").asText(), millis(n.path("replayedAt").asText())));
                return;
            }
            if (kind.equals("dead-letter")) {
                out.collect(new DeadLetterRow(n.path("id").asText(), millis(n.path("receivedAt").asText()),
                        n.path("source").asText(), n.path("reasonCode").asText(), n.path("reason").asText(),
                        n.path("raw").asText()));
                return;
            }
            out.collect(unreadable(raw, text, "unknown kind '" + kind + "'"));
        } catch (Exception e) {
            out.collect(unreadable(raw, text, e.getMessage()));
        }
    }

    private static DeadLetterRow unreadable(RawEvent raw, String text, String why) {
        return new DeadLetterRow("dlq:" + raw.partition() + ":" + raw.offset(), raw.timestamp(), "dead-letter-topic",
                "BAD_DEAD_LETTER", "A record of the dead-letter topic could not be read: " + why, text);
    }

    private static long millis(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant().toEpochMilli();
    }
}
