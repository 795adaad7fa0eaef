package vn.ioc.analytics;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
import vn.ioc.analytics.source.RawEvent;
import vn.ioc.analytics.testing.CollectingSink;
import vn.ioc.analytics.testing.ExampleEvents;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.kpi.KpiCounts;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The whole pipeline on a Flink MiniCluster with a bounded source and collecting sinks: the example
 * dossiers of the domain reference, shuffled, duplicated and mixed with broken records, must give
 * the hand-worked counts.
 */
class DossierKpiPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String PROVINCE = "000.00.00.H23";
    private static final String DEPARTMENT = "000.00.12.H23";
    private static final String COMMUNE = "000.31.07.H23";

    @Test
    void exampleDossiersGiveHandWorkedCountsWhateverTheArrivalOrder() throws Exception {
        List<String> lines = new ArrayList<>(ExampleEvents.lines());
        lines.addAll(ExampleEvents.lines().subList(0, 9)); // duplicates of the first nine events
        lines.add("{not json");
        lines.add("{\"eventId\":\"x-1\",\"dossierId\":\"d\",\"type\":\"RECEIVED\",\"at\":\"2025-06-03T08:00:00+07:00\","
                + "\"unitCode\":\"999.99.99.X00\",\"procedureCode\":\"1.001612\",\"channel\":\"ONLINE\"}");
        Collections.shuffle(lines, new Random(7));
        List<RawEvent> raw = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            raw.add(new RawEvent("k", lines.get(i).getBytes(StandardCharsets.UTF_8), 0, i, 1_750_000_000_000L));
        }

        CollectingSink<EventRow> events = new CollectingSink<>();
        CollectingSink<DossierRow> dossiers = new CollectingSink<>();
        CollectingSink<LateDossierRow> lateDossiers = new CollectingSink<>();
        CollectingSink<AlertRow> alertsByResolution = new CollectingSink<>();
        CollectingSink<KpiDailyRow> daily = new CollectingSink<>();
        CollectingSink<KpiProcedureRow> procedureDaily = new CollectingSink<>();
        CollectingSink<KpiProcedureRow> procedureMonthly = new CollectingSink<>();
        CollectingSink<DeadLetterRow> dead = new CollectingSink<>();
        CollectingSink<AlertRow> alerts = new CollectingSink<>();
        CollectingSink<DeadLetterReplayRow> replays = new CollectingSink<>();
        CollectingSink<AlertTransitionRow> transitions = new CollectingSink<>();
        CollectingSink<AlertDailyRow> alertDaily = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Catalogs catalogs = Catalogs.loadDefault();
        DossierKpiPipeline.build(env.fromData(raw), env.fromData(deadLetterTopicRecords()), catalogs,
                new DossierKpiPipeline.Sinks(events, dossiers, lateDossiers, daily, procedureDaily, procedureMonthly, alerts,
                        alertsByResolution, transitions, alertDaily, dead, replays));
        env.execute("pipeline test");

        // The job's own refusals, and the ingest's dead letters copied from their topic (one of them
        // unreadable, kept as such); the replay marker goes to its own table.
        assertThat(dead.received()).extracting(DeadLetterRow::source, DeadLetterRow::reasonCode)
                .containsExactlyInAnyOrder(tuple("analytics-job", "BAD_JSON"), tuple("analytics-job", "UNKNOWN_UNIT"),
                        tuple("igate-haugiang", "UNKNOWN_UNIT"), tuple("dead-letter-topic", "BAD_DEAD_LETTER"));
        assertThat(replays.received()).extracting(DeadLetterReplayRow::deadLetterId).containsExactly("dl-1");
        assertThat(events.received().stream().map(EventRow::eventId).distinct().count()).isEqualTo(18);

        Map<String, KpiDailyRow> latest = latestRows(daily.received());
        LocalDate june1 = LocalDate.of(2025, 6, 1);
        LocalDate june30 = LocalDate.of(2025, 6, 30);
        KpiCounts province = sum(latest, catalogs.units().subtree(PROVINCE), june1, june30);
        // 0001 (online, fee paid online, completed early with an e-result, rated 3), 0042 (commune,
        // early thanks to its pause, rated 1), 0007 (withdrawn); 0009 was never received.
        assertThat(province.received()).isEqualTo(3);
        assertThat(province.early()).isEqualTo(2);
        assertThat(province.onTime()).isZero();
        assertThat(province.late()).isZero();
        assertThat(province.withdrawn()).isEqualTo(1);
        assertThat(province.openAtEnd()).isZero();
        assertThat(province.onlineReceived()).isEqualTo(1);
        assertThat(province.feeBearing()).isEqualTo(1);
        assertThat(province.paidOnline()).isEqualTo(1);
        assertThat(province.completed()).isEqualTo(2);
        assertThat(province.electronicResults()).isEqualTo(1);
        assertThat(province.ratings()).isEqualTo(2);
        assertThat(province.satisfied()).isEqualTo(1);
        assertThat(province.onTimeRate()).isEqualTo(1.0);

        // The dossier transferred to the department still counts for the commune that received it.
        KpiCounts commune = sum(latest, Set.of(COMMUNE), june1, june30);
        assertThat(commune.received()).isEqualTo(1);
        assertThat(commune.early()).isEqualTo(1);
        assertThat(commune.ratings()).isEqualTo(1);
        assertThat(commune.satisfied()).isZero();
        KpiCounts department = sum(latest, Set.of(DEPARTMENT), june1, june30);
        assertThat(department.received()).isEqualTo(2);
        assertThat(department.withdrawn()).isEqualTo(1);

        // Open at the end of 3 June: 0001 (received 2 Jun, completed 4 Jun), 0042 (received 3 Jun) and
        // 0007 (received 3 Jun 16:45, withdrawn 4 Jun).
        KpiCounts june3 = sum(latest, catalogs.units().subtree(PROVINCE), LocalDate.of(2025, 6, 3), LocalDate.of(2025, 6, 3));
        assertThat(june3.openAtEnd()).isEqualTo(3);
        assertThat(june3.received()).isEqualTo(2);

        // Per procedure: 0001 and 0007 (1.001612) in the department, 0042 (2.000815) in the commune; and
        // every unit's day is the sum of its procedures' days.
        Map<String, KpiProcedureRow> byProcedure = new HashMap<>();
        for (KpiProcedureRow r : procedureDaily.received()) {
            byProcedure.merge(r.unitCode() + "|" + r.procedureCode() + "|" + r.epochDay(), r,
                    (a, b) -> a.version() >= b.version() ? a : b);
        }
        Map<String, KpiCounts> procedureTotals = new HashMap<>();
        Map<String, KpiCounts> unitDays = new HashMap<>();
        for (KpiProcedureRow r : byProcedure.values()) {
            procedureTotals.merge(r.unitCode() + "|" + r.procedureCode(), r.counts(), KpiCounts::plus);
            unitDays.merge(r.unitCode() + "|" + LocalDate.ofEpochDay(r.epochDay()), r.counts(), KpiCounts::plus);
        }
        procedureTotals.values().removeIf(KpiCounts::isZero);
        assertThat(procedureTotals).containsOnlyKeys(DEPARTMENT + "|1.001612", COMMUNE + "|2.000815");
        KpiCounts departmentProcedure = procedureTotals.get(DEPARTMENT + "|1.001612");
        assertThat(departmentProcedure.received()).isEqualTo(2);
        assertThat(departmentProcedure.early()).isEqualTo(1);
        assertThat(departmentProcedure.withdrawn()).isEqualTo(1);
        assertThat(departmentProcedure.openAtEnd()).as("both closed").isZero();
        assertThat(procedureTotals.get(COMMUNE + "|2.000815").early()).isEqualTo(1);
        Map<String, KpiCounts> unitRows = new HashMap<>();
        latest.forEach((k, r) -> unitRows.put(k, r.counts()));
        unitRows.values().removeIf(KpiCounts::isZero);
        unitDays.values().removeIf(KpiCounts::isZero);
        assertThat(unitDays).isEqualTo(unitRows);

        // Each month's row is the sum of its days' rows, keyed by the month's first day.
        Map<String, KpiCounts> daysByMonth = new HashMap<>();
        for (KpiProcedureRow r : byProcedure.values()) {
            daysByMonth.merge(r.unitCode() + "|" + r.procedureCode() + "|" + LocalDate.ofEpochDay(r.epochDay()).withDayOfMonth(1),
                    r.counts(), KpiCounts::plus);
        }
        Map<String, KpiProcedureRow> byMonth = new HashMap<>();
        for (KpiProcedureRow r : procedureMonthly.received()) {
            byMonth.merge(r.unitCode() + "|" + r.procedureCode() + "|" + LocalDate.ofEpochDay(r.epochDay()), r,
                    (a, b) -> a.version() >= b.version() ? a : b);
        }
        Map<String, KpiCounts> monthRows = new HashMap<>();
        byMonth.forEach((k, r) -> monthRows.put(k, r.counts()));
        assertThat(monthRows).isNotEmpty().isEqualTo(daysByMonth);
        assertThat(byMonth.keySet()).allMatch(k -> k.endsWith("-01"));
        // Its version counts the same changes as its days' versions together.
        assertThat(byMonth.values().stream().mapToLong(KpiProcedureRow::version).sum())
                .isEqualTo(byProcedure.values().stream().mapToLong(KpiProcedureRow::version).sum());

        DossierRow d42 = dossiers.received().stream().filter(d -> d.dossierId().endsWith("250603-0042"))
                .max(Comparator.comparingLong(DossierRow::version)).orElseThrow();
        assertThat(d42.timeliness()).isEqualTo("EARLY");
        assertThat(d42.supplementRequests()).isEqualTo(1);
        assertThat(d42.currentUnitCode()).isEqualTo(DEPARTMENT);
        assertThat(d42.version()).isEqualTo(7); // seven distinct events, duplicates not counted

        // 0042 was at risk (effective due 20 Jun 15:00: from 19 Jun 15:00) only after it was completed
        // on 19 Jun 11:00, so its only episodes are the ones before the pause (due 16 Jun 17:00:
        // at risk from 13 Jun 17:00, but paused then) -- none. 0001 (due 5 Jun 08:05, completed
        // 4 Jun 15:30) was at risk from 4 Jun 08:05 until its completion.
        Map<String, AlertRow> latestAlerts = new HashMap<>();
        for (AlertRow a : alerts.received()) {
            latestAlerts.merge(a.key(), a, (x, y) -> x.version() >= y.version() ? x : y);
        }
        List<AlertRow> live = latestAlerts.values().stream().filter(a -> !a.deleted()).toList();
        assertThat(live).extracting(AlertRow::dossierId, AlertRow::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("000.00.12.H23-250602-0001", "AT_RISK"));

        // Its raise and its resolution are the only transitions left, whatever appeared and went on the way.
        Map<String, AlertTransitionRow> latestTransitions = new HashMap<>();
        for (AlertTransitionRow t : transitions.received()) {
            latestTransitions.merge(t.key(), t, (x, y) -> x.version() >= y.version() ? x : y);
        }
        assertThat(latestTransitions.values().stream().filter(t -> !t.deleted()).toList())
                .extracting(AlertTransitionRow::change, AlertTransitionRow::at)
                .containsExactlyInAnyOrder(
                        tuple(AlertTransitionRow.RAISED, java.time.Instant.parse("2025-06-04T01:05:00Z").toEpochMilli()),
                        tuple(AlertTransitionRow.RESOLVED, java.time.Instant.parse("2025-06-04T08:30:00Z").toEpochMilli()));

        // The day counts: one raised and one resolved on 4 June in the department; every other row,
        // written for an episode that later disappeared, is back to zero.
        Map<String, AlertDailyRow> latestAlertDays = new HashMap<>();
        for (AlertDailyRow r : alertDaily.received()) {
            latestAlertDays.merge(r.unitCode() + "|" + r.currentUnitCode() + "|" + r.kind() + "|" + r.epochDay(), r,
                    (x, y) -> x.version() >= y.version() ? x : y);
        }
        assertThat(latestAlertDays.values().stream().filter(r -> r.raised() != 0 || r.resolved() != 0).toList())
                .extracting(AlertDailyRow::unitCode, AlertDailyRow::kind, AlertDailyRow::epochDay,
                        AlertDailyRow::raised, AlertDailyRow::resolved)
                .containsExactly(tuple(DEPARTMENT, "AT_RISK", LocalDate.of(2025, 6, 4).toEpochDay(), 1L, 1L));
    }

    private static List<RawEvent> deadLetterTopicRecords() {
        String deadLetter = "{\"kind\":\"dead-letter\",\"id\":\"dl-1\",\"receivedAt\":\"2025-06-03T09:15:00.123+07:00\","
                + "\"source\":\"igate-haugiang\",\"input\":\"event\",\"origin\":\"POST /ingest/events item 3\","
                + "\"reasonCode\":\"UNKNOWN_UNIT\",\"reason\":\"UNKNOWN_UNIT unitCode: '000.99.99.H23' is not in the unit catalog\","
                + "\"errors\":[],\"raw\":\"{}\",\"rawBase64\":false,\"rawBytes\":2,\"rawTruncated\":false}";
        String marker = "{\"kind\":\"replayed\",\"deadLetterId\":\"dl-1\",\"reasonCode\":\"UNKNOWN_UNIT\","
                + "\"source\":\"igate-haugiang\",\"eventId\":\"e-77\",\"replayedAt\":\"2025-06-04T10:00:00+07:00\"}";
        return List.of(
                new RawEvent("igate-haugiang", deadLetter.getBytes(StandardCharsets.UTF_8), 0, 0, 0),
                new RawEvent("igate-haugiang", marker.getBytes(StandardCharsets.UTF_8), 0, 1, 0),
                new RawEvent(null, "garbage".getBytes(StandardCharsets.UTF_8), 0, 2, 0));
    }

    static Map<String, KpiDailyRow> latestRows(List<KpiDailyRow> rows) {
        Map<String, KpiDailyRow> latest = new HashMap<>();
        for (KpiDailyRow r : rows) {
            latest.merge(r.unitCode() + "|" + r.day(), r, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return latest;
    }

    /** What the dashboard's query does: flows within the period, open/overdue deltas up to its end. */
    static KpiCounts sum(Map<String, KpiDailyRow> latest, Set<String> units, LocalDate from, LocalDate to) {
        KpiCounts flows = KpiCounts.ZERO;
        long open = 0;
        long overdue = 0;
        for (KpiDailyRow r : latest.values()) {
            if (!units.contains(r.unitCode()) || r.day().isAfter(to)) {
                continue;
            }
            open += r.counts().openAtEnd();
            overdue += r.counts().overdueAtEnd();
            if (!r.day().isBefore(from)) {
                flows = flows.plus(r.counts());
            }
        }
        KpiCounts c = flows;
        return new KpiCounts(c.received(), c.early(), c.onTime(), c.late(), c.withdrawn(), open, overdue,
                c.onlineReceived(), c.feeBearing(), c.paidOnline(), c.completed(), c.electronicResults(), c.ratings(),
                c.satisfied(), c.ratedUnsatisfied(), c.digitizedReceived(), c.reusedDataReceived(),
                c.processingWorkingSeconds());
    }
}
