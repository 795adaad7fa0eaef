package vn.ioc.domain.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The indicators of the national scorecard (Quyết định 766/QĐ-TTg, 2022) that dossier events can
 * feed. Each indicator has a ratio R read from the summed counts:
 * <ul>
 *   <li>2.1 R = on-time rate = (early + onTime + openAtEnd - overdueAtEnd) / (ended + openAtEnd);</li>
 *   <li>3.3 R = online rate = onlineReceived / received, against a 50% threshold;</li>
 *   <li>3.6 R = online payment rate = paidOnline / feeBearing;</li>
 *   <li>4.1 R = electronic result rate = electronicResults / completed;</li>
 *   <li>4.2 R = digitizedReceived / received, against 80%;</li>
 *   <li>4.3 R = reusedDataReceived / received, against 80%;</li>
 *   <li>5.4 R = 1 - (late / ended + ratedUnsatisfied / ratings), against 90%; null unless both
 *       shares are defined (ended &gt; 0 and ratings &gt; 0).</li>
 * </ul>
 * A thresholded indicator scores min(1, R / threshold) x points, the others R x points, never below
 * zero. An indicator whose R is null scores null and its points are left out of the covered points;
 * the rest of the 100 points come from other systems and are not pretended to be known.
 */
public final class Decision766 {

    /** Published bands, lower bounds in percent of the covered points. */
    public static final String EXCELLENT = "excellent";
    public static final String GOOD = "good";
    public static final String FAIR = "fair";
    public static final String AVERAGE = "average";
    public static final String WEAK = "weak";

    public record IndicatorScore(String code, String name, Double r, double points, Double threshold, Double score) {
    }

    /**
     * @param points        sum of the scores of the covered indicators
     * @param coveredPoints sum of the points of the indicators whose R is known
     * @param percent       points / coveredPoints x 100; null when nothing is covered
     * @param grade         grade of {@code percent}; null when nothing is covered
     */
    public record Scorecard(List<IndicatorScore> indicators, double points, double coveredPoints, Double percent,
                            String grade) {
    }

    private record Indicator(String code, String name, double points, Double threshold,
                             Function<KpiCounts, Double> r) {
    }

    private static final List<Indicator> INDICATORS = List.of(
            new Indicator("2.1", "Hồ sơ xử lý trước hạn, đúng hạn", 20, null, KpiCounts::onTimeRate),
            new Indicator("3.3", "Hồ sơ nộp trực tuyến", 12, 0.5, KpiCounts::onlineRate),
            new Indicator("3.6", "Hồ sơ thanh toán trực tuyến", 6, null, KpiCounts::onlinePaymentRate),
            new Indicator("4.1", "Kết quả giải quyết điện tử", 6, null, KpiCounts::electronicResultRate),
            new Indicator("4.2", "Hồ sơ được số hóa", 4, 0.8, KpiCounts::digitizedRate),
            new Indicator("4.3", "Tái sử dụng dữ liệu số hóa", 2, 0.8, KpiCounts::reusedDataRate),
            new Indicator("5.4", "Mức độ hài lòng trong xử lý hồ sơ", 6, 0.9, Decision766::handlingSatisfaction));

    private Decision766() {
    }

    public static Scorecard score(KpiCounts c) {
        List<IndicatorScore> scores = new ArrayList<>();
        double points = 0;
        double covered = 0;
        for (Indicator i : INDICATORS) {
            Double r = i.r().apply(c);
            Double score = null;
            if (r != null) {
                double fraction = i.threshold() == null ? r : Math.min(1.0, r / i.threshold());
                score = Math.max(0.0, fraction) * i.points();
                points += score;
                covered += i.points();
            }
            scores.add(new IndicatorScore(i.code(), i.name(), r, i.points(), i.threshold(), score));
        }
        Double percent = covered == 0 ? null : points / covered * 100;
        return new Scorecard(List.copyOf(scores), points, covered, percent, percent == null ? null : grade(percent));
    }

    /** 5.4: 1 - (late share + share rated 1). */
    public static Double handlingSatisfaction(KpiCounts c) {
        Double late = c.lateShare();
        Double unsatisfied = c.unsatisfiedShare();
        return late == null || unsatisfied == null ? null : 1.0 - (late + unsatisfied);
    }

    public static String grade(double percent) {
        if (percent >= 90) {
            return EXCELLENT;
        }
        if (percent >= 80) {
            return GOOD;
        }
        if (percent >= 70) {
            return FAIR;
        }
        return percent >= 50 ? AVERAGE : WEAK;
    }

    /** Xuất sắc, Tốt, Khá, Trung bình, Yếu. */
    public static String gradeLabelVi(String grade) {
        return switch (grade) {
            case EXCELLENT -> "Xuất sắc";
            case GOOD -> "Tốt";
            case FAIR -> "Khá";
            case AVERAGE -> "Trung bình";
            default -> "Yếu";
        };
    }
}
