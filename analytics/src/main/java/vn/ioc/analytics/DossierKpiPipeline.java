package vn.ioc.analytics;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import vn.ioc.analytics.kpi.TotalsAggregator;
import vn.ioc.analytics.kpi.DeltaCombiner;
import vn.ioc.analytics.lifecycle.DeadLetterTopicRecords;
import vn.ioc.analytics.lifecycle.DossierLifecycleFunction;
import vn.ioc.analytics.lifecycle.ValidateEvents;
import vn.ioc.analytics.lifecycle.ValidatedEvent;
import vn.ioc.analytics.rows.AlertChange;
import vn.ioc.analytics.rows.AlertDailyRow;
import vn.ioc.analytics.rows.AlertRow;
import vn.ioc.analytics.rows.AlertTransitionRow;
import vn.ioc.analytics.rows.DayDelta;
import vn.ioc.analytics.rows.DeadLetterReplayRow;
import vn.ioc.analytics.rows.DeadLetterRow;
import vn.ioc.analytics.rows.DossierRow;
import vn.ioc.analytics.rows.EventRow;
import vn.ioc.analytics.rows.KpiChange;
import vn.ioc.analytics.rows.KpiDailyRow;
import vn.ioc.analytics.rows.KpiProcedureChange;
import vn.ioc.analytics.rows.KpiProcedureRow;
import vn.ioc.analytics.rows.LateDossierRow;
import vn.ioc.analytics.source.RawEvent;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventJson;

/**
 * The analytics pipeline, independent of where events come from and where rows go: the job wires
 * it to Kafka and ClickHouse, tests to bounded sources and collecting sinks.
 *
 * <pre>
 * dead-letter topic --(dead letters)----------> dead_letters  (and replay markers -> dead_letter_replays)
 * raw records -> validate --(dead letters)--> dead_letters
 *                   |------------------------> events
 *                   v
 *   keyBy(dossierId) lifecycle --(states)----> dossiers
 *                   |  --(late ends)----------> late_dossiers
 *                   |  --(alert episodes)-----> alerts, alerts_by_resolution
 *                   |  --(raises, resolutions)-> alert_transitions
 *                   |  --(alert day changes, summed for a moment)
 *                   |       keyBy(unit, current unit, kind, day) aggregate --> alert_daily
 *                   |  --(per-day deltas per procedure, summed for a moment)
 *                   |       keyBy(unit, procedure, day) aggregate --> kpi_procedure_daily
 *                   |  --(the same deltas by month, summed for a moment)
 *                   |       keyBy(unit, procedure, month) aggregate --> kpi_procedure_monthly
 *                   v  per-day deltas, summed per (unit, day) for a moment
 *   keyBy(unit, day) aggregate --------------> kpi_daily
 * </pre>
 */
public final class DossierKpiPipeline {

    /** Where each kind of output goes. */
    public record Sinks(Sink<EventRow> events, Sink<DossierRow> dossiers, Sink<LateDossierRow> lateDossiers,
                        Sink<KpiDailyRow> kpiDaily, Sink<KpiProcedureRow> kpiProcedureDaily,
                        Sink<KpiProcedureRow> kpiProcedureMonthly, Sink<AlertRow> alerts, Sink<AlertRow> alertsByResolution,
                        Sink<AlertTransitionRow> alertTransitions, Sink<AlertDailyRow> alertDaily,
                        Sink<DeadLetterRow> deadLetters, Sink<DeadLetterReplayRow> deadLetterReplays) {
    }

    /** How long day deltas are summed before they go to the aggregate: well under the sinks' latency. */
    static final long COMBINE_INTERVAL_MS = 100;
    static final int COMBINE_MAX_KEYS = 50_000;

    private DossierKpiPipeline() {
    }

    /**
     * @param deadLetterTopic the ingest's dead-letter topic, copied into the same tables; null when
     *                        there is none (tests of the event pipeline alone)
     */
    public static void build(DataStream<RawEvent> raw, DataStream<RawEvent> deadLetterTopic, Catalogs catalogs,
                             Sinks sinks) {
        SingleOutputStreamOperator<ValidatedEvent> valid = raw
                .process(new ValidateEvents(catalogs))
                .name("validate").uid("validate");
        DataStream<DeadLetterRow> deadLetters = valid.getSideOutput(ValidateEvents.DEAD_LETTERS);
        if (deadLetterTopic != null) {
            SingleOutputStreamOperator<DeadLetterRow> ingestDeadLetters = deadLetterTopic
                    .process(new DeadLetterTopicRecords())
                    .name("dead-letter topic").uid("dead-letter-topic");
            ingestDeadLetters.getSideOutput(DeadLetterTopicRecords.REPLAYS)
                    .sinkTo(sinks.deadLetterReplays()).name("dead_letter_replays").uid("sink-dead-letter-replays");
            deadLetters = deadLetters.union(ingestDeadLetters);
        }
        deadLetters.sinkTo(sinks.deadLetters()).name("dead_letters").uid("sink-dead-letters");

        valid.map(DossierKpiPipeline::eventRow)
                .name("event rows").uid("event-rows")
                .sinkTo(sinks.events()).name("events").uid("sink-events");

        SingleOutputStreamOperator<DayDelta> deltas = valid
                .keyBy(v -> v.event().dossierId())
                .process(new DossierLifecycleFunction(catalogs))
                .name("dossier lifecycle").uid("dossier-lifecycle");
        deltas.getSideOutput(DossierLifecycleFunction.DOSSIERS)
                .sinkTo(sinks.dossiers()).name("dossiers").uid("sink-dossiers");
        deltas.getSideOutput(DossierLifecycleFunction.LATE_DOSSIERS)
                .sinkTo(sinks.lateDossiers()).name("late_dossiers").uid("sink-late-dossiers");
        deltas.getSideOutput(DossierLifecycleFunction.ALERTS)
                .sinkTo(sinks.alerts()).name("alerts").uid("sink-alerts");
        deltas.getSideOutput(DossierLifecycleFunction.ALERTS_BY_RESOLUTION)
                .sinkTo(sinks.alertsByResolution()).name("alerts_by_resolution").uid("sink-alerts-by-resolution");

        deltas.getSideOutput(DossierLifecycleFunction.ALERT_TRANSITIONS)
                .sinkTo(sinks.alertTransitions()).name("alert_transitions").uid("sink-alert-transitions");
        deltas.getSideOutput(DossierLifecycleFunction.ALERT_CHANGES)
                .transform("combine alert changes", TypeInformation.of(AlertChange.class),
                        new DeltaCombiner<AlertChange, AlertChange>(c -> c, COMBINE_INTERVAL_MS, COMBINE_MAX_KEYS))
                .uid("combine-alert-changes")
                .keyBy(AlertChange::aggregateKey)
                .process(new TotalsAggregator<>(AlertDailyRow.class, AlertDailyRow::after))
                .name("daily alerts").uid("daily-alerts")
                .sinkTo(sinks.alertDaily()).name("alert_daily").uid("sink-alert-daily");

        DataStream<KpiProcedureChange> procedureChanges = deltas.getSideOutput(DossierLifecycleFunction.PROCEDURE_CHANGES);
        procedureChanges
                .transform("combine procedure deltas", TypeInformation.of(KpiProcedureChange.class),
                        new DeltaCombiner<KpiProcedureChange, KpiProcedureChange>(c -> c, COMBINE_INTERVAL_MS, COMBINE_MAX_KEYS))
                .uid("combine-procedure-deltas")
                .keyBy(KpiProcedureChange::aggregateKey)
                .process(new TotalsAggregator<>(KpiProcedureRow.class, KpiProcedureRow::after))
                .name("daily procedure kpi").uid("daily-procedure-kpi")
                .sinkTo(sinks.kpiProcedureDaily()).name("kpi_procedure_daily").uid("sink-kpi-procedure-daily");
        // The same changes by month: a period's open dossiers per procedure are a sum over every day since
        // the first, which the monthly rows make a few hundred rows instead of millions.
        procedureChanges
                .transform("combine procedure deltas by month", TypeInformation.of(KpiProcedureChange.class),
                        new DeltaCombiner<KpiProcedureChange, KpiProcedureChange>(KpiProcedureChange::inMonth,
                                COMBINE_INTERVAL_MS, COMBINE_MAX_KEYS))
                .uid("combine-procedure-deltas-by-month")
                .keyBy(KpiProcedureChange::aggregateKey)
                .process(new TotalsAggregator<>(KpiProcedureRow.class, KpiProcedureRow::after))
                .name("monthly procedure kpi").uid("monthly-procedure-kpi")
                .sinkTo(sinks.kpiProcedureMonthly()).name("kpi_procedure_monthly").uid("sink-kpi-procedure-monthly");

        deltas.transform("combine day deltas", TypeInformation.of(KpiChange.class),
                        new DeltaCombiner<DayDelta, KpiChange>(KpiChange::of, COMBINE_INTERVAL_MS, COMBINE_MAX_KEYS))
                .uid("combine-day-deltas")
                .keyBy(KpiChange::aggregateKey)
                .process(new TotalsAggregator<>(KpiDailyRow.class, KpiDailyRow::after))
                .name("daily kpi").uid("daily-kpi")
                .sinkTo(sinks.kpiDaily()).name("kpi_daily").uid("sink-kpi-daily");
    }

    private static EventRow eventRow(ValidatedEvent v) {
        DossierEvent e = v.event();
        return new EventRow(e.eventId(), e.dossierId(), e.type().name(), e.at().toEpochMilli(), e.unitCode(),
                EventJson.toJson(e), v.kafkaPartition(), v.kafkaOffset());
    }
}
