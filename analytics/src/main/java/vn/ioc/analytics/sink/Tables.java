package vn.ioc.analytics.sink;

import vn.ioc.analytics.rows.AlertDailyRow;
import vn.ioc.analytics.rows.AlertRow;
import vn.ioc.analytics.rows.AlertTransitionRow;
import vn.ioc.analytics.rows.DeadLetterReplayRow;
import vn.ioc.analytics.rows.DeadLetterRow;
import vn.ioc.analytics.rows.DossierRow;
import vn.ioc.analytics.rows.EventRow;
import vn.ioc.analytics.rows.KpiDailyRow;
import vn.ioc.analytics.rows.KpiProcedureRow;
import vn.ioc.analytics.rows.LateDossierRow;
import vn.ioc.domain.kpi.KpiCounts;

import java.util.ArrayList;
import java.util.List;

/**
 * The encoders of the job's tables (see infra/schema's migrations), in RowBinary: each encoder names
 * the columns it writes, in its order, and the insert names the same list, so a column added to a
 * table later (with a default, or MATERIALIZED like {@code listed_units}) changes nothing here. Every
 * row of the job goes through these, so they write straight into the batch's bytes.
 */
public final class Tables {

    private Tables() {
    }

    /**
     * A string without unpaired UTF-16 surrogates. Such a half pair (a JSON escape like
     * {@code \\ud800} in an event, or a character cut in half by a shortened reason) has no UTF-8 form;
     * it becomes U+FFFD, so what ClickHouse stores is what an operator can read and copy.
     */
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

    public static final RowEncoder<EventRow> EVENTS = new RowEncoder<>() {
        @Override
        public String key(EventRow r) {
            return null; // a repeated event is the same row: the replacing table keeps one, no need to look
        }

        @Override
        public List<String> columns() {
            return List.of("event_id", "dossier_id", "type", "at", "unit_code", "payload", "kafka_partition", "kafka_offset");
        }

        @Override
        public void write(EventRow r, RowBinary out) {
            out.string(r.eventId()).string(r.dossierId()).string(r.type()).time(r.atMillis()).string(r.unitCode())
                    .string(r.payload()).uint32(r.kafkaPartition()).int64(r.kafkaOffset());
        }
    };

    public static final RowEncoder<DossierRow> DOSSIERS = new RowEncoder<>() {
        @Override
        public String key(DossierRow r) {
            return r.dossierId();
        }

        @Override
        public List<String> columns() {
            return List.of("dossier_id", "received", "unit_code", "current_unit_code", "procedure_code", "channel",
                    "received_at", "due_at", "effective_due_at", "pause_count", "paused_seconds", "pause_open",
                    "supplement_requests", "end_at", "end_kind", "timeliness", "processing_working_seconds",
                    "fee_required", "paid_online", "electronic_result", "digitized", "reused_data", "apology_at",
                    "new_due_at", "ratings", "last_event_at", "event_count", "version");
        }

        @Override
        public void write(DossierRow r, RowBinary out) {
            long none = DossierRow.NONE;
            out.string(r.dossierId()).bool(r.received()).string(r.unitCode()).string(r.currentUnitCode())
                    .string(r.procedureCode()).string(r.channel())
                    .nullableTime(r.receivedAt(), none).nullableTime(r.dueAt(), none).nullableTime(r.effectiveDueAt(), none)
                    .uint16(r.pauseCount()).int64(r.pausedSeconds()).bool(r.pauseOpen()).uint16(r.supplementRequests())
                    .nullableTime(r.endAt(), none).string(r.endKind()).string(r.timeliness())
                    .nullableInt64(r.processingWorkingSeconds(), none)
                    .bool(r.feeRequired()).bool(r.paidOnline()).bool(r.electronicResult()).bool(r.digitized())
                    .bool(r.reusedData()).nullableTime(r.apologyAt(), none).nullableTime(r.newDueAt(), none)
                    .uint8Array(r.ratings()).time(r.lastEventAt()).uint32(r.eventCount()).int64(r.version());
        }
    };

    public static final RowEncoder<LateDossierRow> LATE_DOSSIERS = new RowEncoder<>() {
        @Override
        public String key(LateDossierRow r) {
            return r.key();
        }

        @Override
        public List<String> columns() {
            return List.of("dossier_id", "unit_code", "current_unit_code", "procedure_code", "received_at", "effective_due_at",
                    "end_at", "end_day", "supplement_requests", "version", "is_deleted");
        }

        @Override
        public void write(LateDossierRow r, RowBinary out) {
            long none = DossierRow.NONE;
            out.string(r.dossierId()).string(r.unitCode()).string(r.currentUnitCode()).string(r.procedureCode())
                    .nullableTime(r.receivedAt(), none).nullableTime(r.effectiveDueAt(), none).time(r.endAt())
                    .date(r.endEpochDay()).uint16(r.supplementRequests()).int64(r.version()).bool(r.deleted());
        }
    };

    public static final RowEncoder<KpiDailyRow> KPI_DAILY = new RowEncoder<>() {
        @Override
        public String key(KpiDailyRow r) {
            return r.unitCode() + '|' + r.epochDay();
        }

        @Override
        public List<String> columns() {
            return withCounts(List.of("unit_code", "day"));
        }

        @Override
        public void write(KpiDailyRow r, RowBinary out) {
            out.string(r.unitCode()).date(r.epochDay());
            counts(r.counts(), out);
            out.int64(r.version());
        }
    };

    /** The key columns of kpi_daily, kpi_procedure_daily or kpi_procedure_monthly, then their counts' columns and the version. */
    private static List<String> withCounts(List<String> keys) {
        List<String> columns = new ArrayList<>(keys);
        columns.addAll(List.of("received", "early", "on_time", "late", "withdrawn", "open_delta", "overdue_delta",
                "online_received", "fee_bearing", "paid_online", "completed", "electronic_results", "ratings",
                "satisfied", "rated_unsatisfied", "digitized_received", "reused_data_received",
                "processing_working_seconds", "version"));
        return List.copyOf(columns);
    }

    /** The counts' columns of kpi_daily, kpi_procedure_daily and kpi_procedure_monthly, in their order. */
    private static void counts(KpiCounts c, RowBinary out) {
        out.int64(c.received()).int64(c.early()).int64(c.onTime()).int64(c.late()).int64(c.withdrawn())
                .int64(c.openAtEnd()).int64(c.overdueAtEnd()).int64(c.onlineReceived()).int64(c.feeBearing())
                .int64(c.paidOnline()).int64(c.completed()).int64(c.electronicResults()).int64(c.ratings())
                .int64(c.satisfied()).int64(c.ratedUnsatisfied()).int64(c.digitizedReceived())
                .int64(c.reusedDataReceived()).int64(c.processingWorkingSeconds());
    }

    public static final RowEncoder<KpiProcedureRow> KPI_PROCEDURE_DAILY = kpiProcedure("day");

    /** kpi_procedure_monthly: the same row, its date the month's first day. */
    public static final RowEncoder<KpiProcedureRow> KPI_PROCEDURE_MONTHLY = kpiProcedure("month");

    private static RowEncoder<KpiProcedureRow> kpiProcedure(String dateColumn) {
        return new RowEncoder<>() {
            @Override
            public String key(KpiProcedureRow r) {
                return r.unitCode() + '|' + r.procedureCode() + '|' + r.epochDay();
            }

            @Override
            public List<String> columns() {
                return withCounts(List.of("unit_code", "procedure_code", dateColumn));
            }

            @Override
            public void write(KpiProcedureRow r, RowBinary out) {
                out.string(r.unitCode()).string(r.procedureCode()).date(r.epochDay());
                counts(r.counts(), out);
                out.int64(r.version());
            }
        };
    }

    public static final RowEncoder<AlertRow> ALERTS = new RowEncoder<>() {
        @Override
        public String key(AlertRow r) {
            return r.key();
        }

        @Override
        public List<String> columns() {
            return List.of("dossier_id", "kind", "raised_at", "resolved_at", "due_at", "received_at", "supplement_requests",
                    "unit_code", "current_unit_code", "procedure_code", "version", "is_deleted");
        }

        @Override
        public void write(AlertRow r, RowBinary out) {
            long none = DossierRow.NONE;
            out.string(r.dossierId()).string(r.kind()).time(r.raisedAt()).nullableTime(r.resolvedAt(), none)
                    .nullableTime(r.dueAt(), none).nullableTime(r.receivedAt(), none).uint16(r.supplementRequests())
                    .string(r.unitCode()).string(r.currentUnitCode())
                    .string(r.procedureCode()).int64(r.version()).bool(r.deleted());
        }
    };

    /** The same episodes as {@link #ALERTS}; an episode under another resolution is another row there. */
    public static final RowEncoder<AlertRow> ALERTS_BY_RESOLUTION = new RowEncoder<>() {
        @Override
        public String key(AlertRow r) {
            return r.key() + '|' + r.resolvedAt();
        }

        @Override
        public List<String> columns() {
            return ALERTS.columns();
        }

        @Override
        public void write(AlertRow r, RowBinary out) {
            ALERTS.write(r, out);
        }
    };

    public static final RowEncoder<AlertTransitionRow> ALERT_TRANSITIONS = new RowEncoder<>() {
        @Override
        public String key(AlertTransitionRow r) {
            return r.key();
        }

        @Override
        public List<String> columns() {
            return List.of("at", "change", "dossier_id", "kind", "raised_at", "resolved_at", "due_at", "unit_code",
                    "current_unit_code", "procedure_code", "version", "is_deleted");
        }

        @Override
        public void write(AlertTransitionRow t, RowBinary out) {
            AlertRow r = t.episode();
            long none = DossierRow.NONE;
            out.time(t.at()).int8(t.change()).string(r.dossierId()).string(r.kind()).time(r.raisedAt())
                    .nullableTime(r.resolvedAt(), none).nullableTime(r.dueAt(), none).string(r.unitCode())
                    .string(r.currentUnitCode()).string(r.procedureCode()).int64(r.version()).bool(r.deleted());
        }
    };

    public static final RowEncoder<AlertDailyRow> ALERT_DAILY = new RowEncoder<>() {
        @Override
        public String key(AlertDailyRow r) {
            return r.unitCode() + '|' + r.currentUnitCode() + '|' + r.kind() + '|' + r.epochDay();
        }

        @Override
        public List<String> columns() {
            return List.of("unit_code", "current_unit_code", "kind", "day", "raised", "resolved", "version");
        }

        @Override
        public void write(AlertDailyRow r, RowBinary out) {
            out.string(r.unitCode()).string(r.currentUnitCode()).string(r.kind()).date(r.epochDay())
                    .int64(r.raised()).int64(r.resolved()).int64(r.version());
        }
    };

    public static final RowEncoder<DeadLetterReplayRow> DEAD_LETTER_REPLAYS = new RowEncoder<>() {
        @Override
        public String key(DeadLetterReplayRow r) {
            return r.source() + '|' + r.deadLetterId();
        }

        @Override
        public List<String> columns() {
            return List.of("source", "dead_letter_id", "event_id", "reason_code", "replayed_at");
        }

        @Override
        public void write(DeadLetterReplayRow r, RowBinary out) {
            out.string(r.source()).string(r.deadLetterId()).string(r.eventId()).string(r.reasonCode())
                    .time(r.replayedAtMillis());
        }
    };

    public static final RowEncoder<DeadLetterRow> DEAD_LETTERS = new RowEncoder<>() {
        @Override
        public String key(DeadLetterRow r) {
            return r.source() + '|' + r.id();
        }

        @Override
        public List<String> columns() {
            return List.of("id", "received_at", "source", "reason_code", "reason", "raw");
        }

        @Override
        public void write(DeadLetterRow r, RowBinary out) {
            out.string(r.id()).time(r.receivedAtMillis()).string(r.source()).string(r.reasonCode()).string(r.reason())
                    .string(r.raw());
        }
    };
}
