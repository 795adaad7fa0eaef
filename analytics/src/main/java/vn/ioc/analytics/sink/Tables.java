package vn.ioc.analytics.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import vn.ioc.analytics.rows.AlertRow;
import vn.ioc.analytics.rows.DeadLetterReplayRow;
import vn.ioc.analytics.rows.DeadLetterRow;
import vn.ioc.analytics.rows.DossierRow;
import vn.ioc.analytics.rows.EventRow;
import vn.ioc.analytics.rows.KpiDailyRow;
import vn.ioc.domain.kpi.KpiCounts;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * The encoders of the job's tables (see infra/schema's migrations). DateTime64 columns are declared
 * in Asia/Ho_Chi_Minh, so instants are written as that zone's wall time, which ClickHouse reads back
 * as the same instant. Every row goes through here, so the encoders stream straight into the batch
 * (no intermediate tree of nodes) and format times by hand.
 */
public final class Tables {

    private static final ZoneRules ZONE = ZoneId.of("Asia/Ho_Chi_Minh").getRules();

    private Tables() {
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSS} in Asia/Ho_Chi_Minh. */
    static String time(long epochMillis) {
        long local = epochMillis + ZONE.getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds() * 1000L;
        long day = Math.floorDiv(local, 86_400_000L);
        int ms = (int) Math.floorMod(local, 86_400_000L);
        LocalDate date = LocalDate.ofEpochDay(day);
        char[] c = new char[23];
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return date + " " + clock(ms);
        }
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, date.getDayOfMonth(), 2);
        c[10] = ' ';
        digits(c, 11, ms / 3_600_000, 2);
        c[13] = ':';
        digits(c, 14, ms / 60_000 % 60, 2);
        c[16] = ':';
        digits(c, 17, ms / 1000 % 60, 2);
        c[19] = '.';
        digits(c, 20, ms % 1000, 3);
        return new String(c);
    }

    private static String clock(int ms) {
        return String.format("%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * A string column. An unpaired UTF-16 surrogate (a JSON escape like {@code \\ud800} in an event,
     * or a character cut in half by a shortened reason) would be written as an escape ClickHouse
     * refuses, failing the whole batch again after every restart: it becomes U+FFFD instead.
     */
    private static void text(JsonGenerator g, String field, String value) throws IOException {
        g.writeStringField(field, wellFormed(value));
    }

    static String wellFormed(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && !Character.isSurrogate(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder out = new StringBuilder(n).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private static void time(JsonGenerator g, String field, long epochMillis) throws IOException {
        if (epochMillis == DossierRow.NONE) {
            g.writeNullField(field);
        } else {
            text(g, field, time(epochMillis));
        }
    }

    public static final RowEncoder<EventRow> EVENTS = new RowEncoder<>() {
        @Override
        public String key(EventRow r) {
            return r.dossierId() + '\u0000' + r.eventId();
        }

        @Override
        public void write(EventRow r, JsonGenerator g) throws IOException {
            g.writeStartObject();
            text(g, "event_id", r.eventId());
            text(g, "dossier_id", r.dossierId());
            text(g, "type", r.type());
            text(g, "at", time(r.atMillis()));
            text(g, "unit_code", r.unitCode());
            text(g, "payload", r.payload());
            g.writeNumberField("kafka_partition", r.kafkaPartition());
            g.writeNumberField("kafka_offset", r.kafkaOffset());
            g.writeEndObject();
        }
    };

    public static final RowEncoder<DossierRow> DOSSIERS = new RowEncoder<>() {
        @Override
        public String key(DossierRow r) {
            return r.dossierId();
        }

        @Override
        public void write(DossierRow r, JsonGenerator g) throws IOException {
            g.writeStartObject();
            text(g, "dossier_id", r.dossierId());
            g.writeBooleanField("received", r.received());
            text(g, "unit_code", r.unitCode());
            text(g, "current_unit_code", r.currentUnitCode());
            text(g, "procedure_code", r.procedureCode());
            text(g, "channel", r.channel());
            time(g, "received_at", r.receivedAt());
            time(g, "due_at", r.dueAt());
            time(g, "effective_due_at", r.effectiveDueAt());
            g.writeNumberField("pause_count", r.pauseCount());
            g.writeNumberField("paused_seconds", r.pausedSeconds());
            g.writeBooleanField("pause_open", r.pauseOpen());
            g.writeNumberField("supplement_requests", r.supplementRequests());
            time(g, "end_at", r.endAt());
            text(g, "end_kind", r.endKind());
            text(g, "timeliness", r.timeliness());
            if (r.processingWorkingSeconds() == DossierRow.NONE) {
                g.writeNullField("processing_working_seconds");
            } else {
                g.writeNumberField("processing_working_seconds", r.processingWorkingSeconds());
            }
            g.writeBooleanField("fee_required", r.feeRequired());
            g.writeBooleanField("paid_online", r.paidOnline());
            g.writeBooleanField("electronic_result", r.electronicResult());
            g.writeBooleanField("digitized", r.digitized());
            g.writeBooleanField("reused_data", r.reusedData());
            time(g, "apology_at", r.apologyAt());
            time(g, "new_due_at", r.newDueAt());
            g.writeArrayFieldStart("ratings");
            for (int rating : r.ratings()) {
                g.writeNumber(rating);
            }
            g.writeEndArray();
            text(g, "last_event_at", time(r.lastEventAt()));
            g.writeNumberField("event_count", r.eventCount());
            g.writeNumberField("version", r.version());
            g.writeEndObject();
        }
    };

    public static final RowEncoder<KpiDailyRow> KPI_DAILY = new RowEncoder<>() {
        @Override
        public String key(KpiDailyRow r) {
            return r.unitCode() + '|' + r.epochDay();
        }

        @Override
        public void write(KpiDailyRow r, JsonGenerator g) throws IOException {
            KpiCounts c = r.counts();
            g.writeStartObject();
            text(g, "unit_code", r.unitCode());
            text(g, "day", r.day().toString());
            g.writeNumberField("received", c.received());
            g.writeNumberField("early", c.early());
            g.writeNumberField("on_time", c.onTime());
            g.writeNumberField("late", c.late());
            g.writeNumberField("withdrawn", c.withdrawn());
            g.writeNumberField("open_delta", c.openAtEnd());
            g.writeNumberField("overdue_delta", c.overdueAtEnd());
            g.writeNumberField("online_received", c.onlineReceived());
            g.writeNumberField("fee_bearing", c.feeBearing());
            g.writeNumberField("paid_online", c.paidOnline());
            g.writeNumberField("completed", c.completed());
            g.writeNumberField("electronic_results", c.electronicResults());
            g.writeNumberField("ratings", c.ratings());
            g.writeNumberField("satisfied", c.satisfied());
            g.writeNumberField("rated_unsatisfied", c.ratedUnsatisfied());
            g.writeNumberField("digitized_received", c.digitizedReceived());
            g.writeNumberField("reused_data_received", c.reusedDataReceived());
            g.writeNumberField("processing_working_seconds", c.processingWorkingSeconds());
            g.writeNumberField("version", r.version());
            g.writeEndObject();
        }
    };

    public static final RowEncoder<AlertRow> ALERTS = new RowEncoder<>() {
        @Override
        public String key(AlertRow r) {
            return r.key();
        }

        @Override
        public void write(AlertRow r, JsonGenerator g) throws IOException {
            g.writeStartObject();
            text(g, "dossier_id", r.dossierId());
            text(g, "kind", r.kind());
            text(g, "raised_at", time(r.raisedAt()));
            time(g, "resolved_at", r.resolvedAt());
            time(g, "due_at", r.dueAt());
            text(g, "unit_code", r.unitCode());
            text(g, "current_unit_code", r.currentUnitCode());
            text(g, "procedure_code", r.procedureCode());
            g.writeNumberField("version", r.version());
            g.writeNumberField("is_deleted", r.deleted() ? 1 : 0);
            g.writeEndObject();
        }
    };

    public static final RowEncoder<DeadLetterReplayRow> DEAD_LETTER_REPLAYS = new RowEncoder<>() {
        @Override
        public String key(DeadLetterReplayRow r) {
            return r.source() + '|' + r.deadLetterId();
        }

        @Override
        public void write(DeadLetterReplayRow r, JsonGenerator g) throws IOException {
            g.writeStartObject();
            text(g, "source", r.source());
            text(g, "dead_letter_id", r.deadLetterId());
            text(g, "event_id", r.eventId());
            text(g, "reason_code", r.reasonCode());
            text(g, "replayed_at", time(r.replayedAtMillis()));
            g.writeEndObject();
        }
    };

    public static final RowEncoder<DeadLetterRow> DEAD_LETTERS = new RowEncoder<>() {
        @Override
        public String key(DeadLetterRow r) {
            return r.source() + '|' + r.id();
        }

        @Override
        public void write(DeadLetterRow r, JsonGenerator g) throws IOException {
            g.writeStartObject();
            text(g, "id", r.id());
            text(g, "received_at", time(r.receivedAtMillis()));
            text(g, "source", r.source());
            text(g, "reason_code", r.reasonCode());
            text(g, "reason", r.reason());
            text(g, "raw", r.raw());
            g.writeEndObject();
        }
    };
}
