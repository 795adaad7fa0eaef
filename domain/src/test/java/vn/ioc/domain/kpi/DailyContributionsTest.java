package vn.ioc.domain.kpi;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventType;
import vn.ioc.domain.rules.DossierState;
import vn.ioc.domain.rules.Examples;
import vn.ioc.domain.rules.History;
import vn.ioc.domain.rules.RandomHistories;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DailyContributionsTest {

    private static final KpiCounts ONE_OPEN = new KpiCounts(0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final KpiCounts ONE_OVERDUE = new KpiCounts(0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final KpiCounts RECEIVED_ONLY = new KpiCounts(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    @Test
    void exampleDossierContributesOnItsReceiptEndAndRatingDays() {
        DossierState s = Examples.dossier0042().evaluate();
        List<DayContribution> rows = DailyContributions.of(s);
        assertThat(rows).extracting(DayContribution::unitCode).containsOnly(Examples.COMMUNE);
        assertThat(rows).extracting(DayContribution::day).containsExactly(
                LocalDate.of(2025, 6, 3), LocalDate.of(2025, 6, 19), LocalDate.of(2025, 6, 20));
        KpiCounts receipt = rows.get(0).counts();
        assertThat(receipt.received()).isEqualTo(1);
        assertThat(receipt.openAtEnd()).isEqualTo(1);
        KpiCounts end = rows.get(1).counts();
        assertThat(end.early()).isEqualTo(1);
        assertThat(end.completed()).isEqualTo(1);
        assertThat(end.openAtEnd()).isEqualTo(-1);
        assertThat(end.processingWorkingSeconds()).isEqualTo(80 * 3600L + 50 * 60);
        assertThat(rows.get(2).counts().ratedUnsatisfied()).isEqualTo(1);
    }

    @Test
    void overdueSwitchesOffWhilePausedAndOnAgainWhenTheMovedDueHasPassed() {
        DossierState s = History.of("D").received("2025-06-10T08:00", "U", "2025-06-16T17:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-18T09:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2025-06-20T09:00").evaluate();
        // Overdue from the end of the 17th; paused on the 18th (clock stopped); the pause closes on the 20th
        // after 2 days, moving the due to 18 Jun 17:00, already passed: overdue again from the end of the 20th.
        assertThat(DailyContributions.of(s)).filteredOn(r -> r.counts().overdueAtEnd() != 0).extracting(r -> r.day() + " " + r.counts().overdueAtEnd())
                .containsExactly("2025-06-17 1", "2025-06-18 -1", "2025-06-20 1");
    }

    @Test
    void aDossierNeverEndedStaysOpenAndOverdueForever() {
        DossierState s = History.of("D").received("2025-06-10T08:00", "U", "2025-06-30T17:00").evaluate();
        List<DayContribution> rows = DailyContributions.of(s);
        assertThat(rows).extracting(DayContribution::day)
                .containsExactly(LocalDate.of(2025, 6, 10), LocalDate.of(2025, 7, 1));
        assertThat(rows.get(0).counts().minus(ONE_OPEN)).isEqualTo(RECEIVED_ONLY);
        assertThat(rows.get(1).counts()).isEqualTo(ONE_OVERDUE);
    }

    @Test
    void aDossierNeverReceivedContributesNothing() {
        assertThat(DailyContributions.of(Examples.dossier0009().evaluate())).isEmpty();
    }

    /**
     * The storage contract: rows kept up to date as a dossier's events arrive one by one, shuffled,
     * repeated and late (each arrival replaces the dossier's previous rows), sum to the reference
     * calculation for any units and period, including periods ending on a day where some dossier's
     * open or overdue status flips and the day before it.
     */
    @Property(tries = 400)
    void rowsAgreeWithTheReferenceCalculation(@ForAll long seed) {
        Random r = new Random(seed);
        List<DossierState> states = new ArrayList<>();
        Map<String, KpiCounts> store = new HashMap<>();
        int dossiers = 1 + r.nextInt(8);
        for (int i = 0; i < dossiers; i++) {
            String id = "D" + i;
            List<DossierEvent> events = RandomHistories.history(r, id);
            List<DossierEvent> arrivals = new ArrayList<>(events);
            for (int d = events.isEmpty() ? 0 : r.nextInt(3); d > 0; d--) {
                arrivals.add(events.get(r.nextInt(events.size())));
            }
            Collections.shuffle(arrivals, r);
            List<DossierEvent> arrived = new ArrayList<>();
            List<DayContribution> previous = List.of();
            for (DossierEvent e : arrivals) {
                arrived.add(e);
                List<DayContribution> current = DailyContributions.of(RandomHistories.evaluate(id, arrived));
                previous.forEach(row -> store.merge(key(row), row.counts().negated(), KpiCounts::plus));
                current.forEach(row -> store.merge(key(row), row.counts(), KpiCounts::plus));
                previous = current;
            }
            DossierState s = RandomHistories.evaluate(id, events);
            states.add(s);
            assertThat(previous).isEqualTo(DailyContributions.of(s));
            assertThat(previous).allSatisfy(row -> assertThat(row.counts().isZero()).isFalse());
            assertThat(previous).isSortedAccordingTo(Comparator.comparing(DayContribution::unitCode)
                    .thenComparing(DayContribution::day));
        }
        List<DayContribution> rows = new ArrayList<>();
        store.forEach((k, counts) -> rows.add(new DayContribution(k.substring(0, k.indexOf('|')),
                LocalDate.parse(k.substring(k.indexOf('|') + 1)), counts)));
        List<LocalDate> flips = rows.stream()
                .filter(row -> row.counts().openAtEnd() != 0 || row.counts().overdueAtEnd() != 0)
                .flatMap(row -> java.util.stream.Stream.of(row.day(), row.day().minusDays(1))).toList();

        for (int p = 0; p < 15; p++) {
            Set<String> units = new HashSet<>();
            for (String u : RandomHistories.UNITS) {
                if (r.nextBoolean()) {
                    units.add(u);
                }
            }
            LocalDate from;
            LocalDate to;
            if (p < 10 || flips.isEmpty()) {
                from = RandomHistories.BASE.plusDays(r.nextInt(60) - 5);
                to = from.plusDays(r.nextInt(p < 5 ? 3 : 40));
            } else {
                to = flips.get(r.nextInt(flips.size()));
                from = to.minusDays(r.nextInt(10));
            }
            assertThat(sum(rows, units, from, to))
                    .as("units %s from %s to %s", units, from, to)
                    .isEqualTo(KpiCalculator.compute(states, units, from, to));
        }
    }

    private static String key(DayContribution row) {
        return row.unitCode() + "|" + row.day();
    }

    private static KpiCounts sum(List<DayContribution> rows, Set<String> units, LocalDate from, LocalDate to) {
        KpiCounts flows = KpiCounts.ZERO;
        long open = 0;
        long overdue = 0;
        for (DayContribution row : rows) {
            if (!units.contains(row.unitCode()) || row.day().isAfter(to)) {
                continue;
            }
            open += row.counts().openAtEnd();
            overdue += row.counts().overdueAtEnd();
            if (!row.day().isBefore(from)) {
                flows = flows.plus(row.counts());
            }
        }
        KpiCounts c = flows;
        return new KpiCounts(c.received(), c.early(), c.onTime(), c.late(), c.withdrawn(), open, overdue,
                c.onlineReceived(), c.feeBearing(), c.paidOnline(), c.completed(), c.electronicResults(), c.ratings(),
                c.satisfied(), c.ratedUnsatisfied(), c.digitizedReceived(), c.reusedDataReceived(),
                c.processingWorkingSeconds());
    }
}
