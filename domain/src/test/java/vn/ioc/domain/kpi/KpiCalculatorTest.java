package vn.ioc.domain.kpi;

import org.junit.jupiter.api.Test;
import vn.ioc.domain.event.EventType;
import vn.ioc.domain.rules.DossierState;
import vn.ioc.domain.rules.Examples;
import vn.ioc.domain.rules.History;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.ioc.domain.rules.Examples.COMMUNE;
import static vn.ioc.domain.rules.Examples.DEPARTMENT;

class KpiCalculatorTest {

    private static final LocalDate JUNE_1 = LocalDate.of(2025, 6, 1);
    private static final LocalDate JUNE_30 = LocalDate.of(2025, 6, 30);

    @Test
    void departmentInJuneCountsItsOwnReceiptsOnly() {
        KpiCounts c = KpiCalculator.compute(Examples.all(), Set.of(DEPARTMENT), JUNE_1, JUNE_30);
        // 0001 and 0007; 0042 was transferred here but received by the commune; 0009 was refused.
        assertThat(c).isEqualTo(new KpiCounts(2, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0,
                Examples.dossier0001().evaluate().processingWorkingSeconds()));
        assertThat(c.onTimeRate()).isEqualTo(1.0);
        assertThat(c.onlineRate()).isEqualTo(0.5);
        assertThat(c.electronicResultRate()).isEqualTo(1.0);
    }

    @Test
    void communeKeepsTheTransferredDossierAndItsUnhappyRating() {
        KpiCounts c = KpiCalculator.compute(Examples.all(), Set.of(COMMUNE), JUNE_1, JUNE_30);
        assertThat(c.received()).isEqualTo(1);
        assertThat(c.early()).isEqualTo(1);
        assertThat(c.completed()).isEqualTo(1);
        assertThat(c.electronicResults()).isZero();
        assertThat(c.ratings()).isEqualTo(1);
        assertThat(c.ratedUnsatisfied()).isEqualTo(1);
        assertThat(c.satisfactionRate()).isEqualTo(0.0);
        assertThat(c.avgProcessingWorkingDays()).isCloseTo((80 + 50 / 60.0) / 8, within(1e-9));
    }

    @Test
    void periodsAreLocalDaysAndRatingsCountByTheirOwnTime() {
        // 1-4 June: 0001 ended on the 4th, 0007 withdrawn on the 4th; 0001's rating on the 5th is outside.
        KpiCounts first = KpiCalculator.compute(Examples.all(), Set.of(DEPARTMENT), JUNE_1, LocalDate.of(2025, 6, 4));
        assertThat(first.early()).isEqualTo(1);
        assertThat(first.withdrawn()).isEqualTo(1);
        assertThat(first.ratings()).isZero();
        KpiCounts fifth = KpiCalculator.compute(Examples.all(), Set.of(DEPARTMENT), LocalDate.of(2025, 6, 5), LocalDate.of(2025, 6, 5));
        assertThat(fifth).isEqualTo(new KpiCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0));
    }

    @Test
    void openAndOverdueAtTheEndOfTheLastDay() {
        DossierState dueOn16 = History.of("D1").received("2025-06-10T08:00", "U", "2025-06-16T17:00").evaluate();
        DossierState endedOnLastDay = History.of("D2").received("2025-06-10T08:00", "U", "2025-06-11T17:00")
                .completed("2025-06-16T10:00", false).evaluate();
        DossierState receivedAtNextMidnight = History.of("D3").received("2025-06-17T00:00", "U", "2025-06-17T17:00")
                .evaluate();
        List<DossierState> all = List.of(dueOn16, endedOnLastDay, receivedAtNextMidnight);

        KpiCounts on16 = KpiCalculator.compute(all, Set.of("U"), JUNE_1, LocalDate.of(2025, 6, 16));
        assertThat(on16.openAtEnd()).isEqualTo(1);
        assertThat(on16.overdueAtEnd()).isZero();
        assertThat(on16.late()).isEqualTo(1);
        // (early + onTime + open - overdue) / (ended + open) = (0 + 0 + 1 - 0) / (1 + 1)
        assertThat(on16.onTimeRate()).isEqualTo(0.5);

        KpiCounts on17 = KpiCalculator.compute(all, Set.of("U"), LocalDate.of(2025, 6, 17), LocalDate.of(2025, 6, 17));
        assertThat(on17.openAtEnd()).isEqualTo(2);
        assertThat(on17.overdueAtEnd()).isEqualTo(1);
        assertThat(on17.onTimeRate()).isEqualTo(0.5);
    }

    @Test
    void ratesOfAnEmptyUnitAreNull() {
        KpiCounts c = KpiCalculator.compute(Examples.all(), Set.of("nobody"), JUNE_1, JUNE_30);
        assertThat(c.isZero()).isTrue();
        assertThat(c.onTimeRate()).isNull();
        assertThat(c.onlineRate()).isNull();
        assertThat(c.onlinePaymentRate()).isNull();
        assertThat(c.electronicResultRate()).isNull();
        assertThat(c.satisfactionRate()).isNull();
        assertThat(c.digitizedRate()).isNull();
        assertThat(c.reusedDataRate()).isNull();
        assertThat(c.avgProcessingWorkingDays()).isNull();
    }

    @Test
    void paidOnlineCountsOnlyAmongFeeBearingDossiers() {
        DossierState noFee = History.of("D1")
                .received("2025-06-03T08:00", "U", "P1", vn.ioc.domain.event.Channel.ONLINE, null, false, false, false)
                .paid("2025-06-03T09:00", true).evaluate();
        DossierState feePaidAtCounter = History.of("D2")
                .received("2025-06-03T08:00", "U", "P1", vn.ioc.domain.event.Channel.ONLINE, null, true, false, false)
                .paid("2025-06-03T09:00", false).event(EventType.COMPLETED, "2025-06-03T10:00").evaluate();
        KpiCounts c = KpiCalculator.compute(List.of(noFee, feePaidAtCounter), Set.of("U"), JUNE_1, JUNE_30);
        assertThat(c.feeBearing()).isEqualTo(1);
        assertThat(c.paidOnline()).isZero();
        assertThat(c.onlinePaymentRate()).isEqualTo(0.0);
    }

    @Test
    void periodsRunFromLocalMidnightToLocalMidnight() {
        // Every instant below sits on the other side of midnight in UTC (local = UTC+7).
        DossierState d1 = History.of("D1").received("2025-06-01T06:00", "U", "2025-06-30T17:00") // 31 May 23:00Z
                .rated("2025-07-01T06:30", 3).evaluate();                                           // 30 Jun 23:30Z
        DossierState d2 = History.of("D2").received("2025-07-01T05:00", "U", "2025-07-10T17:00").evaluate(); // 30 Jun 22:00Z
        DossierState d3 = History.of("D3").received("2025-06-10T08:00", "U", "2025-06-20T17:00")
                .completed("2025-07-01T06:00", false).evaluate();                                   // 30 Jun 23:00Z
        List<DossierState> all = List.of(d1, d2, d3);

        KpiCounts june = KpiCalculator.compute(all, Set.of("U"), JUNE_1, JUNE_30);
        assertThat(june.received()).isEqualTo(2);          // D1, D3
        assertThat(june.ended()).isZero();                 // D3 ends on 1 Jul
        assertThat(june.ratings()).isZero();
        assertThat(june.openAtEnd()).isEqualTo(2);         // D1, D3
        assertThat(june.overdueAtEnd()).isEqualTo(1);      // D3 (due 20 Jun); D1 is due on the last day itself

        LocalDate july1 = LocalDate.of(2025, 7, 1);
        KpiCounts firstOfJuly = KpiCalculator.compute(all, Set.of("U"), july1, july1);
        assertThat(firstOfJuly.received()).isEqualTo(1);   // D2
        assertThat(firstOfJuly.late()).isEqualTo(1);       // D3
        assertThat(firstOfJuly.ratings()).isEqualTo(1);
        assertThat(firstOfJuly.openAtEnd()).isEqualTo(2);  // D1, D2
        assertThat(firstOfJuly.overdueAtEnd()).isEqualTo(1); // D1: 1 Jul after 30 Jun
    }

    @Test
    void anOnlinePaymentCountsWhenEverItHappens() {
        // Received 30 Jun, paid online on 2 Jul (then once more at the counter): counts for June's receipts.
        DossierState paidLater = History.of("D1")
                .received("2025-06-30T10:00", "U", "P1", vn.ioc.domain.event.Channel.ONLINE, null, true, false, false)
                .paid("2025-07-02T09:00", true).paid("2025-07-03T09:00", false).evaluate();
        // Received in May, paid online in June: not a June receipt, so not counted in June.
        DossierState receivedInMay = History.of("D2")
                .received("2025-05-30T10:00", "U", "P1", vn.ioc.domain.event.Channel.ONLINE, null, true, false, false)
                .paid("2025-06-02T09:00", true).evaluate();
        KpiCounts june = KpiCalculator.compute(List.of(paidLater, receivedInMay), Set.of("U"), JUNE_1, JUNE_30);
        assertThat(june.feeBearing()).isEqualTo(1);
        assertThat(june.paidOnline()).isEqualTo(1);
        assertThat(june.onlinePaymentRate()).isEqualTo(1.0);
    }

    @Test
    void completedElectronicResultsAndAverageProcessingTime() {
        // All received Mon 2 Jun 08:00 (7 working hours left that day), due 13 Jun: all early.
        String received = "2025-06-02T08:00";
        String due = "2025-06-13T17:00";
        DossierState completed = History.of("A").received(received, "U", due)
                .completed("2025-06-03T08:00", true).evaluate();                 // 7 + 1 = 8h = 1 day
        DossierState returnedOnly = History.of("B").received(received, "U", due)
                .event(EventType.RETURNED, "2025-06-04T08:00").evaluate();       // 7 + 8 + 1 = 16h = 2 days
        DossierState stopped = History.of("C").received(received, "U", due)
                .event(EventType.STOPPED, "2025-06-05T08:00").evaluate();        // 24h = 3 days
        DossierState withdrawn = History.of("D").received(received, "U", due)
                .event(EventType.WITHDRAWN, "2025-06-03T08:00").evaluate();      // no class, no time
        DossierState returnedThenCompleted = History.of("E").received(received, "U", due)
                .event(EventType.RETURNED, "2025-06-03T08:00")
                .completed("2025-06-06T08:00", true).evaluate();                 // ends at COMPLETED: 32h = 4 days
        KpiCounts c = KpiCalculator.compute(List.of(completed, returnedOnly, stopped, withdrawn, returnedThenCompleted),
                Set.of("U"), JUNE_1, JUNE_30);
        assertThat(c.early()).isEqualTo(4);
        assertThat(c.ended()).isEqualTo(4);
        assertThat(c.withdrawn()).isEqualTo(1);
        assertThat(c.completed()).isEqualTo(3);          // A, B, E; not the stopped nor the withdrawn
        assertThat(c.electronicResults()).isEqualTo(2);  // A, E
        assertThat(c.electronicResultRate()).isEqualTo(2.0 / 3);
        // (1 + 2 + 3 + 4) / 4 ended; the withdrawn one is not in the mean.
        assertThat(c.avgProcessingWorkingDays()).isEqualTo(2.5);
    }

    @Test
    void ratingsCountByTheirOwnTimeForReceivedDossiersOnly() {
        // Rated 1 on 1 Jun, before its receipt on 2 Jun: counts on 1 Jun, for the receiving unit.
        DossierState ratedBeforeReceipt = History.of("D1").rated("2025-06-01T20:00", 1)
                .received("2025-06-02T08:00", "U", "2025-06-13T17:00").evaluate();
        // Never received: its rating counts nowhere.
        DossierState refused = History.of("D2").event(EventType.NOT_ACCEPTED, "2025-06-01T08:00")
                .rated("2025-06-01T09:00", 3).evaluate();
        List<DossierState> all = List.of(ratedBeforeReceipt, refused);
        KpiCounts first = KpiCalculator.compute(all, Set.of("U"), JUNE_1, JUNE_1);
        assertThat(first).isEqualTo(new KpiCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0));
        assertThat(KpiCalculator.compute(all, Set.of("U"), LocalDate.of(2025, 6, 2), JUNE_30).ratings()).isZero();
    }

    @Test
    void theDepartmentsAverageLeavesTheWithdrawalOut() {
        // 0001: 2 Jun 08:05 -> 4 Jun 15:30 = 6h55 + 8h + 6h30 = 21h25 of working time, the only ended dossier;
        // 0007 was withdrawn.
        KpiCounts c = KpiCalculator.compute(Examples.all(), Set.of(DEPARTMENT), JUNE_1, JUNE_30);
        assertThat(c.avgProcessingWorkingDays()).isCloseTo((21 + 25 / 60.0) / 8, within(1e-9));
    }

    @Test
    void countsAddAndSubtract() {
        KpiCounts a = KpiCalculator.compute(Examples.all(), Set.of(DEPARTMENT), JUNE_1, JUNE_30);
        KpiCounts b = KpiCalculator.compute(Examples.all(), Set.of(COMMUNE), JUNE_1, JUNE_30);
        KpiCounts both = KpiCalculator.compute(Examples.all(), Set.of(DEPARTMENT, COMMUNE), JUNE_1, JUNE_30);
        assertThat(a.plus(b)).isEqualTo(both);
        assertThat(both.minus(b)).isEqualTo(a);
        assertThat(a.minus(a).isZero()).isTrue();
        // A parent's rate comes from summed counts: 1 online of 3 received, not the mean of 50% and 0%.
        assertThat(both.onlineRate()).isEqualTo(1.0 / 3);
    }
}
