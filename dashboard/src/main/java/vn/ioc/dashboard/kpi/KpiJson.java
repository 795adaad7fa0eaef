package vn.ioc.dashboard.kpi;

import vn.ioc.domain.kpi.KpiCounts;

import java.time.LocalDate;
import java.util.LinkedHashMap;
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
}
