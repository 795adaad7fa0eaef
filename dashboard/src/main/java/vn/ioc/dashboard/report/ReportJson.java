package vn.ioc.dashboard.report;

import vn.ioc.dashboard.dossier.DossierRepository.LateDossier;
import vn.ioc.dashboard.kpi.KpiRepository.ProcedureCounts;
import vn.ioc.dashboard.kpi.KpiJson;
import vn.ioc.dashboard.kpi.UnitKpis;
import vn.ioc.dashboard.web.Times;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.Unit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of GET /api/report. */
public final class ReportJson {

    private ReportJson() {
    }

    public static Map<String, Object> of(Report r, Catalogs catalogs) {
        Map<String, Object> m = new LinkedHashMap<>();
        Unit u = r.unit();
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("code", u.code());
        unit.put("name", u.name());
        unit.put("level", u.level().name());
        unit.put("parentCode", u.parentCode());
        unit.put("parentName", u.parentCode() == null ? null : catalogs.units().find(u.parentCode()).map(Unit::name).orElse(null));
        unit.put("hasChildren", !catalogs.units().children(u.code()).isEmpty());
        m.put("unit", unit);
        m.put("period", period(r.period()));
        m.put("previousPeriod", period(r.previousPeriod()));
        m.put("asOf", Times.iso(r.asOf()));
        m.put("lateAt", Times.iso(r.lateAt()));
        m.put("current", KpiJson.fields(r.current()));
        m.put("previous", KpiJson.fields(r.previous()));
        m.put("province", KpiJson.of(r.province().code(), r.province().name(), r.period().from(), r.period().to(),
                r.provinceCounts()));
        Map<String, Object> rank = new LinkedHashMap<>();
        rank.put("position", r.rank().position());
        rank.put("rankedPeers", r.rank().rankedPeers());
        rank.put("peers", r.rank().peers());
        m.put("rank", rank);
        m.put("scorecard", KpiJson.scorecard(r.scorecard()));
        List<Map<String, Object>> children = new ArrayList<>();
        for (UnitKpis.UnitCounts c : r.children()) {
            children.add(UnitKpis.unitJson(c.unit(), r.period().from(), r.period().to(), c.counts(),
                    !catalogs.units().children(c.unit().code()).isEmpty()));
        }
        m.put("children", children);
        m.put("procedures", procedures(r.procedures(), catalogs));
        m.put("late", late(r.late(), catalogs));
        m.put("lateTruncated", r.lateTruncated());
        return m;
    }

    /** A breakdown by procedure, each with its name from the catalog. */
    public static List<Map<String, Object>> procedures(List<ProcedureCounts> counts, Catalogs catalogs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ProcedureCounts p : counts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("procedureCode", p.procedureCode());
            m.put("procedureName", catalogs.procedures().nameOf(p.procedureCode()));
            m.put("received", p.received());
            m.put("early", p.early());
            m.put("onTime", p.onTime());
            m.put("late", p.late());
            m.put("ended", p.ended());
            m.put("withdrawn", p.withdrawn());
            m.put("openAtEnd", p.openAtEnd());
            m.put("endedInTimeRate", p.endedInTimeRate());
            out.add(m);
        }
        return out;
    }

    public static List<Map<String, Object>> late(List<LateDossier> late, Catalogs catalogs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LateDossier d : late) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("dossierId", d.dossierId());
            dm.put("kind", d.kind());
            dm.put("unitCode", d.unitCode());
            dm.put("unitName", catalogs.units().find(d.unitCode()).map(Unit::name).orElse(d.unitCode()));
            dm.put("currentUnitCode", d.currentUnitCode());
            dm.put("procedureCode", d.procedureCode());
            dm.put("procedureName", catalogs.procedures().nameOf(d.procedureCode()));
            dm.put("receivedAt", Times.iso(d.receivedAt()));
            dm.put("dueAt", Times.iso(d.dueAt()));
            dm.put("endAt", Times.iso(d.endAt()));
            dm.put("daysLate", d.daysLate());
            dm.put("supplementRequests", d.supplementRequests());
            out.add(dm);
        }
        return out;
    }

    private static Map<String, Object> period(Period p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("from", p.from().toString());
        m.put("to", p.to().toString());
        m.put("label", p.labelVi());
        return m;
    }
}
