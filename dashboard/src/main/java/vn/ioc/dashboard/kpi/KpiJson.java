package vn.ioc.dashboard.kpi;

import vn.ioc.domain.kpi.Decision766;
import vn.ioc.domain.kpi.KpiCounts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of a unit's KPIs: the field names of the domain's KPI table, rates null on a zero denominator. */
public final class KpiJson {

    private KpiJson() {
    }

    public static Map<String, Object> of(String unit, String unitName, LocalDate from, LocalDate to, KpiCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", unit);
        m.put("unitName", unitName);
        m.put("from", from.toString());
        m.put("to", to.toString());
        m.putAll(fields(c));
        return m;
    }

    /** The counts and rates alone, in the order of the domain's KPI table. */
    public static Map<String, Object> fields(KpiCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received", c.received());
        m.put("early", c.early());
        m.put("onTime", c.onTime());
        m.put("late", c.late());
        m.put("ended", c.ended());
        m.put("withdrawn", c.withdrawn());
        m.put("openAtEnd", c.openAtEnd());
        m.put("overdueAtEnd", c.overdueAtEnd());
        m.put("onTimeRate", c.onTimeRate());
        m.put("onlineReceived", c.onlineReceived());
        m.put("onlineRate", c.onlineRate());
        m.put("feeBearing", c.feeBearing());
        m.put("paidOnline", c.paidOnline());
        m.put("onlinePaymentRate", c.onlinePaymentRate());
        m.put("completed", c.completed());
        m.put("electronicResults", c.electronicResults());
        m.put("electronicResultRate", c.electronicResultRate());
        m.put("ratings", c.ratings());
        m.put("satisfied", c.satisfied());
        m.put("satisfactionRate", c.satisfactionRate());
        m.put("avgProcessingWorkingDays", c.avgProcessingWorkingDays());
        return m;
    }

    /** Decision 766 projection: each indicator's R, points, threshold and score; covered points; grade. */
    public static Map<String, Object> scorecard(Decision766.Scorecard s) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> indicators = new ArrayList<>();
        for (Decision766.IndicatorScore i : s.indicators()) {
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("code", i.code());
            im.put("name", i.name());
            im.put("r", i.r());
            im.put("points", i.points());
            im.put("threshold", i.threshold());
            im.put("score", i.score());
            indicators.add(im);
        }
        m.put("indicators", indicators);
        m.put("points", s.points());
        m.put("coveredPoints", s.coveredPoints());
        m.put("totalPoints", 100);
        m.put("percent", s.percent());
        m.put("grade", s.grade());
        m.put("gradeLabel", s.grade() == null ? null : Decision766.gradeLabelVi(s.grade()));
        return m;
    }
}
