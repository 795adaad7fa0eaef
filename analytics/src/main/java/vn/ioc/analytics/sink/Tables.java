package vn.ioc.analytics.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.ioc.analytics.rows.AlertRow;
import vn.ioc.analytics.rows.DeadLetterReplayRow;
import vn.ioc.analytics.rows.DeadLetterRow;
import vn.ioc.analytics.rows.DossierRow;
import vn.ioc.analytics.rows.EventRow;
import vn.ioc.analytics.rows.KpiDailyRow;
import vn.ioc.domain.kpi.KpiCounts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The encoders of the job's tables (see infra/schema's migrations). DateTime64 columns are declared
 * in Asia/Ho_Chi_Minh, so instants are written as that zone's wall time, which ClickHouse reads back
 * as the same instant.
 */
public final class Tables {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private Tables() {
    }

    static String time(long epochMillis) {
        return LOCAL_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    private static void putTime(ObjectNode o, String field, long epochMillis) {
        if (epochMillis == DossierRow.NONE) {
            o.putNull(field);
        } else {
            o.put(field, time(epochMillis));
        }
    }

    public static final RowEncoder<EventRow> EVENTS = new RowEncoder<>() {
        @Override
        public String key(EventRow r) {
            return r.dossierId() + '\u0000' + r.eventId();
        }

        @Override
        public String toJson(EventRow r) {
            ObjectNode o = JSON.createObjectNode();
            o.put("event_id", r.eventId());
            o.put("dossier_id", r.dossierId());
            o.put("type", r.type());
            o.put("at", time(r.atMillis()));
            o.put("unit_code", r.unitCode());
            o.put("payload", r.payload());
            o.put("kafka_partition", r.kafkaPartition());
            o.put("kafka_offset", r.kafkaOffset());
            return o.toString();
        }
    };

    public static final RowEncoder<DossierRow> DOSSIERS = new RowEncoder<>() {
        @Override
        public String key(DossierRow r) {
            return r.dossierId();
        }

        @Override
        public String toJson(DossierRow r) {
            ObjectNode o = JSON.createObjectNode();
            o.put("dossier_id", r.dossierId());
            o.put("received", r.received());
            o.put("unit_code", r.unitCode());
            o.put("current_unit_code", r.currentUnitCode());
            o.put("procedure_code", r.procedureCode());
            o.put("channel", r.channel());
            putTime(o, "received_at", r.receivedAt());
            putTime(o, "due_at", r.dueAt());
            putTime(o, "effective_due_at", r.effectiveDueAt());
            o.put("pause_count", r.pauseCount());
            o.put("paused_seconds", r.pausedSeconds());
            o.put("pause_open", r.pauseOpen());
            o.put("supplement_requests", r.supplementRequests());
            putTime(o, "end_at", r.endAt());
            o.put("end_kind", r.endKind());
            o.put("timeliness", r.timeliness());
            if (r.processingWorkingSeconds() == DossierRow.NONE) {
                o.putNull("processing_working_seconds");
            } else {
                o.put("processing_working_seconds", r.processingWorkingSeconds());
            }
            o.put("fee_required", r.feeRequired());
            o.put("paid_online", r.paidOnline());
            o.put("electronic_result", r.electronicResult());
            o.put("digitized", r.digitized());
            o.put("reused_data", r.reusedData());
            putTime(o, "apology_at", r.apologyAt());
            putTime(o, "new_due_at", r.newDueAt());
            ArrayNode ratings = o.putArray("ratings");
            for (int rating : r.ratings()) {
                ratings.add(rating);
            }
            o.put("last_event_at", time(r.lastEventAt()));
            o.put("event_count", r.eventCount());
            o.put("version", r.version());
            return o.toString();
        }
    };

    public static final RowEncoder<KpiDailyRow> KPI_DAILY = new RowEncoder<>() {
        @Override
        public String key(KpiDailyRow r) {
            return r.unitCode() + '|' + r.epochDay();
        }

        @Override
        public String toJson(KpiDailyRow r) {
            KpiCounts c = r.counts();
            ObjectNode o = JSON.createObjectNode();
            o.put("unit_code", r.unitCode());
            o.put("day", r.day().toString());
            o.put("received", c.received());
            o.put("early", c.early());
            o.put("on_time", c.onTime());
            o.put("late", c.late());
            o.put("withdrawn", c.withdrawn());
            o.put("open_delta", c.openAtEnd());
            o.put("overdue_delta", c.overdueAtEnd());
            o.put("online_received", c.onlineReceived());
            o.put("fee_bearing", c.feeBearing());
            o.put("paid_online", c.paidOnline());
            o.put("completed", c.completed());
            o.put("electronic_results", c.electronicResults());
            o.put("ratings", c.ratings());
            o.put("satisfied", c.satisfied());
            o.put("rated_unsatisfied", c.ratedUnsatisfied());
            o.put("digitized_received", c.digitizedReceived());
            o.put("reused_data_received", c.reusedDataReceived());
            o.put("processing_working_seconds", c.processingWorkingSeconds());
            o.put("version", r.version());
            return o.toString();
        }
    };

    public static final RowEncoder<AlertRow> ALERTS = new RowEncoder<>() {
        @Override
        public String key(AlertRow r) {
            return r.key();
        }

        @Override
        public String toJson(AlertRow r) {
            ObjectNode o = JSON.createObjectNode();
            o.put("dossier_id", r.dossierId());
            o.put("kind", r.kind());
            o.put("raised_at", time(r.raisedAt()));
            putTime(o, "resolved_at", r.resolvedAt());
            putTime(o, "due_at", r.dueAt());
            o.put("unit_code", r.unitCode());
            o.put("current_unit_code", r.currentUnitCode());
            o.put("procedure_code", r.procedureCode());
            o.put("version", r.version());
            o.put("is_deleted", r.deleted() ? 1 : 0);
            return o.toString();
        }
    };

    public static final RowEncoder<DeadLetterReplayRow> DEAD_LETTER_REPLAYS = new RowEncoder<>() {
        @Override
        public String key(DeadLetterReplayRow r) {
            return r.source() + '|' + r.deadLetterId();
        }

        @Override
        public String toJson(DeadLetterReplayRow r) {
            ObjectNode o = JSON.createObjectNode();
            o.put("source", r.source());
            o.put("dead_letter_id", r.deadLetterId());
            o.put("event_id", r.eventId());
            o.put("reason_code", r.reasonCode());
            o.put("replayed_at", time(r.replayedAtMillis()));
            return o.toString();
        }
    };

    public static final RowEncoder<DeadLetterRow> DEAD_LETTERS = new RowEncoder<>() {
        @Override
        public String key(DeadLetterRow r) {
            return r.source() + '|' + r.id();
        }

        @Override
        public String toJson(DeadLetterRow r) {
            ObjectNode o = JSON.createObjectNode();
            o.put("id", r.id());
            o.put("received_at", time(r.receivedAtMillis()));
            o.put("source", r.source());
            o.put("reason_code", r.reasonCode());
            o.put("reason", r.reason());
            o.put("raw", r.raw());
            return o.toString();
        }
    };
}
