package vn.ioc.domain.kpi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class Decision766Test {

    // received 10 (4 online, 8 digitized, 4 reused); ended 8 = 6 early + 1 on time + 1 late; 2 open, 1 overdue;
    // 5 fee-bearing, 2 paid online; 8 completed, all electronic; 4 ratings, 3 satisfied, 1 unsatisfied.
    private static final KpiCounts COUNTS = new KpiCounts(10, 6, 1, 1, 0, 2, 1, 4, 5, 2, 8, 8, 4, 3, 1, 8, 4, 0);

    @Test
    void scoresEachIndicatorFromItsRatioAndThreshold() {
        Decision766.Scorecard card = Decision766.score(COUNTS);
        assertThat(card.indicators()).extracting(Decision766.IndicatorScore::code)
                .containsExactly("2.1", "3.3", "3.6", "4.1", "4.2", "4.3", "5.4");
        assertThat(card.indicators()).extracting(Decision766.IndicatorScore::score).satisfiesExactly(
                s -> assertThat(s).isCloseTo(16.0, within(1e-9)),      // (6+1+2-1)/(8+2) = 0.8 of 20
                s -> assertThat(s).isCloseTo(9.6, within(1e-9)),       // 0.4 / 0.5 of 12
                s -> assertThat(s).isCloseTo(2.4, within(1e-9)),       // 0.4 of 6
                s -> assertThat(s).isCloseTo(6.0, within(1e-9)),       // 1.0 of 6
                s -> assertThat(s).isCloseTo(4.0, within(1e-9)),       // 0.8 reaches the 80% threshold
                s -> assertThat(s).isCloseTo(1.0, within(1e-9)),       // 0.4 / 0.8 of 2
                s -> assertThat(s).isCloseTo(6 * 0.625 / 0.9, within(1e-9))); // 1 - (1/8 + 1/4) = 0.625
        assertThat(card.coveredPoints()).isEqualTo(56.0);
        double points = 16 + 9.6 + 2.4 + 6 + 4 + 1 + 6 * 0.625 / 0.9;
        assertThat(card.points()).isCloseTo(points, within(1e-9));
        assertThat(card.percent()).isCloseTo(points / 56 * 100, within(1e-9)); // 77.08
        assertThat(card.grade()).isEqualTo(Decision766.FAIR);
    }

    @Test
    void anIndicatorWithoutDenominatorIsLeftOutOfTheCoveredPoints() {
        KpiCounts noRatingsNoFees = new KpiCounts(10, 6, 1, 1, 0, 2, 1, 4, 0, 0, 8, 8, 0, 0, 0, 8, 4, 0);
        Decision766.Scorecard card = Decision766.score(noRatingsNoFees);
        assertThat(card.indicators()).filteredOn(i -> i.score() == null)
                .extracting(Decision766.IndicatorScore::code).containsExactly("3.6", "5.4");
        assertThat(card.coveredPoints()).isEqualTo(44.0);
        assertThat(card.percent()).isCloseTo((16 + 9.6 + 6 + 4 + 1) / 44 * 100, within(1e-9));
    }

    @Test
    void aThresholdedIndicatorAboveItsThresholdScoresItsPointsAndNoMore() {
        // received 10: 9 online (0.9 / 0.5), 10 digitized (1.0 / 0.8), 9 reused (0.9 / 0.8); 10 ended early,
        // none late, 2 ratings both satisfied: 5.4 R = 1 - (0 + 0) = 1 (1 / 0.9). Each capped at its points.
        // Without the cap: 21.6, 5, 2.25 and 6.67.
        KpiCounts good = new KpiCounts(10, 10, 0, 0, 0, 0, 0, 9, 0, 0, 10, 5, 2, 2, 0, 10, 9, 0);
        Decision766.Scorecard card = Decision766.score(good);
        assertThat(card.indicators()).extracting(Decision766.IndicatorScore::score).satisfiesExactly(
                s -> assertThat(s).isEqualTo(20.0),   // 2.1: R = 1, no threshold
                s -> assertThat(s).isEqualTo(12.0),   // 3.3
                s -> assertThat(s).isNull(),          // 3.6: no fee-bearing dossier
                s -> assertThat(s).isEqualTo(3.0),    // 4.1: 0.5 of 6, no threshold
                s -> assertThat(s).isEqualTo(4.0),    // 4.2
                s -> assertThat(s).isEqualTo(2.0),    // 4.3
                s -> assertThat(s).isEqualTo(6.0));   // 5.4
        assertThat(card.points()).isEqualTo(47.0);
        assertThat(card.coveredPoints()).isEqualTo(50.0);
        assertThat(card.percent()).isCloseTo(94.0, within(1e-9));
        assertThat(card.grade()).isEqualTo(Decision766.EXCELLENT);
    }

    @Test
    void nothingCoveredHasNoPercentNorGrade() {
        Decision766.Scorecard card = Decision766.score(KpiCounts.ZERO);
        assertThat(card.coveredPoints()).isZero();
        assertThat(card.percent()).isNull();
        assertThat(card.grade()).isNull();
    }

    @Test
    void gradesFollowThePublishedBands() {
        assertThat(Decision766.grade(90)).isEqualTo(Decision766.EXCELLENT);
        assertThat(Decision766.grade(89.99)).isEqualTo(Decision766.GOOD);
        assertThat(Decision766.grade(80)).isEqualTo(Decision766.GOOD);
        assertThat(Decision766.grade(70)).isEqualTo(Decision766.FAIR);
        assertThat(Decision766.grade(50)).isEqualTo(Decision766.AVERAGE);
        assertThat(Decision766.grade(49.9)).isEqualTo(Decision766.WEAK);
        assertThat(Decision766.gradeLabelVi(Decision766.EXCELLENT)).isEqualTo("Xuất sắc");
    }

    @Test
    void aVeryBadSatisfactionScoresZeroNotNegative() {
        // 3 of 4 ended late and 3 of 4 ratings unhappy: R = 1 - 1.5 = -0.5.
        KpiCounts bad = new KpiCounts(4, 1, 0, 3, 0, 0, 0, 0, 0, 0, 4, 0, 4, 1, 3, 0, 0, 0);
        Decision766.IndicatorScore s54 = Decision766.score(bad).indicators().get(6);
        assertThat(s54.r()).isEqualTo(-0.5);
        assertThat(s54.score()).isZero();
    }
}
