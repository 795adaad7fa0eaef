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
