package vn.ioc.analytics.lifecycle;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;
import vn.ioc.analytics.rows.AlertChange;
import vn.ioc.analytics.rows.AlertRow;
import vn.ioc.analytics.rows.AlertTransitionRow;
import vn.ioc.analytics.rows.DayDelta;
import vn.ioc.analytics.rows.DossierRow;
import vn.ioc.analytics.rows.KpiProcedureChange;
import vn.ioc.analytics.rows.LateDossierRow;
import vn.ioc.analytics.testing.ExampleEvents;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.domain.kpi.KpiCounts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle operator alone, in Flink's keyed operator harness: late events correct the past,
 * duplicates change nothing, and the state survives a snapshot and restore.
 */
class DossierLifecycleFunctionTest {

    private static final Catalogs CATALOGS = Catalogs.loadDefault();
    private static final String D42 = "000.31.07.H23-250603-0042";

    private static List<DossierEvent> dossier42() {
        EventValidator validator = new EventValidator(CATALOGS);
        List<DossierEvent> out = new ArrayList<>();
        for (String line : ExampleEvents.lines()) {
            DossierEvent e = validator.validate(line).event();
            if (e.dossierId().equals(D42)) {
                out.add(e);
            }
        }
        return out;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ValidatedEvent, DayDelta> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DossierLifecycleFunction(CATALOGS)),
                v -> v.event().dossierId(), Types.STRING);
        h.open();
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, ValidatedEvent, DayDelta> h, DossierEvent e)
            throws Exception {
        h.processElement(new StreamRecord<>(new ValidatedEvent(e, 0, 0)));
    }

    private static Map<String, KpiCounts> net(List<DayDelta> deltas) {
        Map<String, KpiCounts> sum = new HashMap<>();
        for (DayDelta d : deltas) {
            sum.merge(d.unitCode() + "|" + d.day(), d.delta(), KpiCounts::plus);
        }
        sum.values().removeIf(KpiCounts::isZero);
        return sum;
    }

    private static List<DayDelta> deltas(KeyedOneInputStreamOperatorTestHarness<String, ValidatedEvent, DayDelta> h) {
        return new ArrayList<>(h.extractOutputValues());
    }

    @Test
    void aCompletionArrivingBeforeItsReceiptIsCountedOnceTheReceiptArrives() throws Exception {
        List<DossierEvent> events = dossier42();
        DossierEvent received = events.get(0);
        DossierEvent completed = events.stream().filter(e -> e.type().name().equals("COMPLETED")).findFirst().orElseThrow();
        try (var h = harness()) {
            send(h, completed);
            assertThat(net(deltas(h))).as("not received yet: counts nowhere").isEmpty();

            send(h, received);
            Map<String, KpiCounts> net = net(deltas(h));
            KpiCounts receiptDay = net.get("000.31.07.H23|2025-06-03");
            assertThat(receiptDay.received()).isEqualTo(1);
            assertThat(receiptDay.openAtEnd()).isEqualTo(1);
            KpiCounts endDay = net.get("000.31.07.H23|2025-06-19");
            // Without the pause its due is 16 Jun: ended 19 Jun it reads late for now.
            assertThat(endDay.late()).isEqualTo(1);
            assertThat(endDay.openAtEnd()).isEqualTo(-1);

            // The supplement found later moves the effective due to 20 Jun: the same dossier becomes early.
            for (DossierEvent e : events) {
                send(h, e);
            }
            KpiCounts corrected = net(deltas(h)).get("000.31.07.H23|2025-06-19");
            assertThat(corrected.late()).isZero();
            assertThat(corrected.early()).isEqualTo(1);
        }
    }

    @Test
    void theLateListTablesHoldWhatDossiersAndAlertsHoldThroughCorrections() throws Exception {
        List<DossierEvent> events = dossier42();
        DossierEvent received = events.get(0);
        DossierEvent completed = events.stream().filter(e -> e.type().name().equals("COMPLETED")).findFirst().orElseThrow();
        String lateKey = "000.31.07.H23|" + java.time.LocalDate.of(2025, 6, 19).toEpochDay() + "|" + D42;
        try (var h = harness()) {
            send(h, received);
            assertThat(live(h.getSideOutput(DossierLifecycleFunction.LATE_DOSSIERS), LateDossierRow::key)).isEmpty();
            assertThat(live(h.getSideOutput(DossierLifecycleFunction.ALERTS_BY_RESOLUTION), r -> r.key() + '|' + r.resolvedAt()))
                    .as("open episodes, under no resolution")
                    .isEqualTo(byResolution(live(h.getSideOutput(DossierLifecycleFunction.ALERTS), AlertRow::key)));

            // Completed on 19 Jun without its pause: late. The overdue episode now ends at the completion:
            // under its old key (unresolved) it is deleted.
            send(h, completed);
            Map<String, LateDossierRow> late = live(h.getSideOutput(DossierLifecycleFunction.LATE_DOSSIERS), LateDossierRow::key);
            assertThat(late).containsOnlyKeys(lateKey);
            assertThat(late.get(lateKey).endAt()).isEqualTo(completed.at().toEpochMilli());
            assertThat(late.get(lateKey).receivedAt()).isEqualTo(received.at().toEpochMilli());
            assertThat(h.getSideOutput(DossierLifecycleFunction.ALERTS_BY_RESOLUTION)).extracting(r -> r.getValue())
                    .anyMatch(r -> r.deleted() && r.resolvedAt() == DossierRow.NONE && r.kind().equals("OVERDUE"));
            assertThat(live(h.getSideOutput(DossierLifecycleFunction.ALERTS_BY_RESOLUTION), r -> r.key() + '|' + r.resolvedAt()))
                    .isEqualTo(byResolution(live(h.getSideOutput(DossierLifecycleFunction.ALERTS), AlertRow::key)));

            // The supplement found later makes it early: it leaves the late list.
            for (DossierEvent e : events) {
                send(h, e);
            }
            assertThat(live(h.getSideOutput(DossierLifecycleFunction.LATE_DOSSIERS), LateDossierRow::key)).isEmpty();
            assertThat(live(h.getSideOutput(DossierLifecycleFunction.ALERTS_BY_RESOLUTION), r -> r.key() + '|' + r.resolvedAt()))
                    .isEqualTo(byResolution(live(h.getSideOutput(DossierLifecycleFunction.ALERTS), AlertRow::key)));
        }
    }

    /**
     * What a table of {@code version} and {@code deleted} keeps of the rows written to it (FINAL):
     * per key the last row, unless it is a deletion.
     */
    private static <T> Map<String, T> live(java.util.Collection<StreamRecord<T>> written, java.util.function.Function<T, String> key) {
        Map<String, T> last = new java.util.TreeMap<>();
        for (StreamRecord<T> r : written == null ? List.<StreamRecord<T>>of() : written) { // null: nothing written yet
            last.put(key.apply(r.getValue()), r.getValue());
        }
        last.values().removeIf(r -> r instanceof AlertRow a ? a.deleted() : ((LateDossierRow) r).deleted());
        return last;
    }

    private static Map<String, AlertRow> byResolution(Map<String, AlertRow> episodes) {
        Map<String, AlertRow> out = new java.util.TreeMap<>();
        episodes.values().forEach(a -> out.put(a.key() + '|' + a.resolvedAt(), a));
        return out;
    }

    /** Net raises and resolutions per kind and local day, as alert_daily would hold them. */
    private static Map<String, List<Long>> netAlertDays(List<AlertChange> changes) {
        Map<String, long[]> sum = new java.util.TreeMap<>();
        for (AlertChange c : changes) {
            long[] v = sum.computeIfAbsent(c.kind() + "|" + java.time.LocalDate.ofEpochDay(c.epochDay()), k -> new long[2]);
            v[0] += c.raised();
            v[1] += c.resolved();
        }
        Map<String, List<Long>> out = new java.util.TreeMap<>();
        sum.forEach((k, v) -> {
            if (v[0] != 0 || v[1] != 0) {
                out.put(k, List.of(v[0], v[1]));
            }
        });
        return out;
    }

    @Test
    void alertCountsAndTransitionsFollowTheCorrectedPast() throws Exception {
        List<DossierEvent> events = dossier42();
        DossierEvent received = events.get(0);
        DossierEvent completed = events.stream().filter(e -> e.type().name().equals("COMPLETED")).findFirst().orElseThrow();
        try (var h = harness()) {
            send(h, completed);
            send(h, received);
            // Without its pause: due 16 Jun 17:00, completed 19 Jun 11:00. At risk from the working day
            // before its due (Fri 13 Jun 17:00) until it turns overdue at the midnight after its due
            // date (17 Jun 00:00); overdue until its completion; late without an apology from then on.
            Map<String, List<Long>> early = netAlertDays(new ArrayList<>(h.getSideOutput(DossierLifecycleFunction.ALERT_CHANGES)
                    .stream().map(r -> r.getValue()).toList()));
            assertThat(early).isEqualTo(Map.of(
                    "AT_RISK|2025-06-13", List.of(1L, 0L), "AT_RISK|2025-06-17", List.of(0L, 1L),
                    "OVERDUE|2025-06-17", List.of(1L, 0L), "OVERDUE|2025-06-19", List.of(0L, 1L),
                    "LATE_WITHOUT_APOLOGY|2025-06-17", List.of(1L, 0L)));
            // Each episode row carries its dossier's receipt and supplement requests, for the late list.
            List<AlertRow> episodes = h.getSideOutput(DossierLifecycleFunction.ALERTS).stream().map(r -> r.getValue()).toList();
            assertThat(episodes).isNotEmpty();
            assertThat(episodes.stream().filter(a -> !a.deleted()))
                    .allMatch(a -> a.receivedAt() == received.at().toEpochMilli() && a.supplementRequests() == 0);
            AlertRow one = episodes.get(episodes.size() - 1);
            AlertRow moreSupplements = new AlertRow(one.dossierId(), one.kind(), one.raisedAt(), one.resolvedAt(), one.dueAt(),
                    one.receivedAt(), one.supplementRequests() + 1, one.unitCode(), one.currentUnitCode(), one.procedureCode(),
                    one.version(), one.deleted());
            assertThat(AlertRows.changes(List.of(one), List.of(moreSupplements), one.version() + 1))
                    .as("a new supplement request rewrites the episode").containsExactly(moreSupplements);

            // The supplement found later moves the due past the completion: every episode goes, and
            // with it every count and transition written for it.
            for (DossierEvent e : events) {
                send(h, e);
            }
            List<AlertChange> all = h.getSideOutput(DossierLifecycleFunction.ALERT_CHANGES).stream().map(r -> r.getValue()).toList();
            assertThat(netAlertDays(new ArrayList<>(all))).isEmpty();
            Map<String, AlertTransitionRow> latest = new HashMap<>();
            for (var r : h.getSideOutput(DossierLifecycleFunction.ALERT_TRANSITIONS)) {
                latest.merge(r.getValue().key(), r.getValue(), (x, y) -> x.version() >= y.version() ? x : y);
            }
            assertThat(latest).isNotEmpty();
            assertThat(latest.values()).allMatch(AlertTransitionRow::deleted);
        }
    }

    @Test
    void aReceiptFoundEarlierMovesTheDossiersCountsToItsProcedure() throws Exception {
        List<DossierEvent> events = dossier42();
        DossierEvent earlier = earlierReceiptOfAnotherProcedure(events.get(0)); // the first is of 2.000815
        try (var h = harness()) {
            for (DossierEvent e : events) {
                send(h, e);
            }
            Map<String, KpiCounts> unitNet = net(deltas(h));
            assertThat(netByProcedure(h)).isEqualTo(withProcedure("2.000815", unitNet));

            send(h, earlier); // the first receipt is now this one, of another procedure
            Map<String, KpiCounts> unitNetAfter = net(deltas(h));
            assertThat(unitNetAfter).isNotEmpty();
            assertThat(netByProcedure(h)).as("all of it under the new procedure, nothing left under the old")
                    .isEqualTo(withProcedure("1.001612", unitNetAfter));
        }
    }

    @Test
    void aStateFromBeforeTheProcedureWasKeptStillMovesItsCountsFromTheRightProcedure() throws Exception {
        List<DossierEvent> events = dossier42();
        DossierEvent earlier = earlierReceiptOfAnotherProcedure(events.get(0)); // the first is of 2.000815
        try (var h = harness()) {
            for (DossierEvent e : events) {
                send(h, e);
            }
            // The bundle as an older checkpoint restores it: no procedure stored with its contributions.
            KeyedStateBackend<String> backend = h.getOperator().getKeyedStateBackend();
            backend.setCurrentKey(D42);
            ValueState<DossierBundle> state = backend.getPartitionedState(VoidNamespace.INSTANCE,
                    VoidNamespaceSerializer.INSTANCE, DossierLifecycleFunction.stateDescriptor());
            DossierBundle b = state.value();
            state.update(new DossierBundle(b.events(), b.contributions(), null, b.alerts(), b.version()));

            send(h, earlier);
            assertThat(netByProcedure(h)).as("the old counts leave 2.000815, read from the stored history")
                    .isEqualTo(withProcedure("1.001612", net(deltas(h))));
        }
    }

    /** A receipt an hour before {@code received}, of procedure 1.001612: the dossier's first receipt from then on. */
    private static DossierEvent earlierReceiptOfAnotherProcedure(DossierEvent received) {
        return DossierEvent.of("e-earlier", D42, received.type(), received.at().minusSeconds(3600), received.unitCode())
                .withReception("1.001612", received.channel(), null, false, false, false);
    }

    private static Map<String, KpiCounts> netByProcedure(KeyedOneInputStreamOperatorTestHarness<String, ValidatedEvent, DayDelta> h) {
        Map<String, KpiCounts> sum = new HashMap<>();
        for (var r : h.getSideOutput(DossierLifecycleFunction.PROCEDURE_CHANGES)) {
            KpiProcedureChange c = r.getValue();
            sum.merge(c.procedureCode() + "|" + c.unitCode() + "|" + java.time.LocalDate.ofEpochDay(c.epochDay()),
                    c.delta(), KpiCounts::plus);
        }
        sum.values().removeIf(KpiCounts::isZero);
        return sum;
    }

    private static Map<String, KpiCounts> withProcedure(String procedure, Map<String, KpiCounts> byUnitDay) {
        Map<String, KpiCounts> out = new HashMap<>();
        byUnitDay.forEach((k, v) -> out.put(procedure + "|" + k, v));
        return out;
    }

    @Test
    void aDuplicateEventEmitsNothing() throws Exception {
        List<DossierEvent> events = dossier42();
        try (var h = harness()) {
            for (DossierEvent e : events) {
                send(h, e);
            }
            int before = h.extractOutputValues().size();
            int dossierRowsBefore = h.getSideOutput(DossierLifecycleFunction.DOSSIERS).size();
            send(h, events.get(2));
            assertThat(h.extractOutputValues()).hasSize(before);
            assertThat(h.getSideOutput(DossierLifecycleFunction.DOSSIERS)).hasSize(dossierRowsBefore);
        }
    }

    @Test
    void stateSurvivesASnapshotAndRestore() throws Exception {
        List<DossierEvent> events = dossier42();
        OperatorSubtaskState snapshot;
        List<DayDelta> firstHalf;
        try (var h = harness()) {
            for (DossierEvent e : events.subList(0, 4)) {
                send(h, e);
            }
            snapshot = h.snapshot(1, 1);
            firstHalf = deltas(h);
        }
        try (var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DossierLifecycleFunction(CATALOGS)),
                (ValidatedEvent v) -> v.event().dossierId(), Types.STRING)) {
            restored.initializeState(snapshot);
            restored.open();
            for (DossierEvent e : events) { // the first four again (as after a restart) and the rest
                send(restored, e);
            }
            List<DayDelta> all = new ArrayList<>(firstHalf);
            all.addAll(deltas(restored));
            KpiCounts total = net(all).values().stream().reduce(KpiCounts.ZERO, KpiCounts::plus);
            assertThat(total.received()).isEqualTo(1);
            assertThat(total.early()).isEqualTo(1);
            assertThat(total.ratings()).isEqualTo(1);
            assertThat(total.openAtEnd()).as("opened and closed").isZero();
            List<StreamRecord<DossierRow>> rows = new ArrayList<>(restored.getSideOutput(DossierLifecycleFunction.DOSSIERS));
            assertThat(rows.get(rows.size() - 1).getValue().version()).isEqualTo(events.size());
        }
    }
}
