package vn.ioc.dashboard.api;

import vn.ioc.dashboard.Queries;
import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.ioc.dashboard.ApiError;
import vn.ioc.dashboard.alerts.AlertRepository;
import vn.ioc.dashboard.auth.Access;
import vn.ioc.dashboard.auth.AccessControl;
import vn.ioc.dashboard.auth.Principal;
import vn.ioc.dashboard.kpi.KpiJson;
import vn.ioc.dashboard.kpi.KpiRepository;
import vn.ioc.dashboard.kpi.UnitKpis;
import vn.ioc.dashboard.report.ReportJson;
import vn.ioc.dashboard.status.DataVersion;
import vn.ioc.dashboard.web.DateRange;
import vn.ioc.dashboard.web.Params;
import vn.ioc.dashboard.web.Times;
import vn.ioc.dashboard.web.UnitScope;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.Unit;
import vn.ioc.domain.kpi.Decision766;
import vn.ioc.domain.kpi.KpiCounts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numbers of the wall display (KPIs, children, daily trend, the 766 scorecard, active alerts,
 * units) and of a unit's procedures.
 */
public final class KpiRoutes {

    /** Ten years of days: longer ranges are a mistake, not a question. */
    static final int MAX_DAYS = 3660;

    private final Catalogs catalogs;
    private final UnitScope scope;
    private final KpiRepository kpis;
    private final UnitKpis unitKpis;
    private final AlertRepository alerts;
    private final DataVersion data;

    public KpiRoutes(Catalogs catalogs, UnitScope scope, KpiRepository kpis, AlertRepository alerts, DataVersion data) {
        this.catalogs = catalogs;
        this.scope = scope;
        this.kpis = kpis;
        this.unitKpis = new UnitKpis(catalogs.units(), kpis);
        this.alerts = alerts;
        this.data = data;
    }

    public void register(Javalin app) {
        app.get("/api/kpi", this::kpi, Access.WALL);
        app.get("/api/kpi/children", this::children, Access.WALL);
        app.get("/api/kpi/trend", this::trend, Access.WALL);
        app.get("/api/scorecard", this::scorecard, Access.WALL);
        app.get("/api/alerts", this::alerts, Access.WALL);
        app.get("/api/units", this::units, Access.WALL);
        app.get("/api/kpi/procedures", this::procedures, Access.READ);
    }

    private void procedures(Context ctx) {
        Unit unit = scope.resolve(ctx);
        DateRange p = Params.range(ctx, KpiRoutes.MAX_DAYS);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", unit.code());
        m.put("unitName", unit.name());
        m.put("from", p.from().toString());
        m.put("to", p.to().toString());
        m.put("procedures", ReportJson.procedures(kpis.byProcedure(scope.subtree(unit), p.from(), p.to()), catalogs));
        ctx.json(m);
    }

    private void kpi(Context ctx) {
        Unit unit = scope.resolve(ctx);
        DateRange p = Params.range(ctx, Integer.MAX_VALUE);
        KpiCounts counts = kpis.counts(scope.subtree(unit), p.from(), p.to());
        ctx.json(KpiJson.of(unit.code(), unit.name(), p.from(), p.to(), counts));
    }

    private void children(Context ctx) {
        Unit unit = scope.resolve(ctx);
        DateRange p = Params.range(ctx, MAX_DAYS);
        // One grouped query gives the unit, its own rows and each child's subtree.
        UnitKpis.ByUnit byUnit = unitKpis.byUnit(unit, p.from(), p.to());
        List<Map<String, Object>> children = new ArrayList<>();
        for (UnitKpis.UnitCounts c : byUnit.children(unit)) {
            children.add(UnitKpis.unitJson(c.unit(), p.from(), p.to(), c.counts(),
                    !catalogs.units().children(c.unit().code()).isEmpty()));
        }
        Map<String, Object> m = new LinkedHashMap<>(KpiJson.of(unit.code(), unit.name(), p.from(), p.to(), byUnit.subtree(unit)));
        m.put("own", KpiJson.fields(byUnit.own(unit)));
        m.put("children", children);
        ctx.json(m);
    }

    private void trend(Context ctx) {
        Unit unit = scope.resolve(ctx);
        DateRange p = Params.range(ctx, MAX_DAYS);
        List<Map<String, Object>> days = new ArrayList<>();
        for (KpiRepository.Day d : kpis.daily(scope.subtree(unit), p.from(), p.to())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", d.day().toString());
            m.putAll(KpiJson.fields(d.counts()));
            days.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", unit.code());
        m.put("unitName", unit.name());
        m.put("from", p.from().toString());
        m.put("to", p.to().toString());
        m.put("days", days);
        ctx.json(m);
    }

    private void scorecard(Context ctx) {
        Unit unit = scope.resolve(ctx);
        DateRange p = Params.range(ctx, MAX_DAYS);
        Decision766.Scorecard s = Decision766.score(kpis.counts(scope.subtree(unit), p.from(), p.to()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", unit.code());
        m.put("unitName", unit.name());
        m.put("from", p.from().toString());
        m.put("to", p.to().toString());
        m.putAll(KpiJson.scorecard(s));
        ctx.json(m);
    }

    private void alerts(Context ctx) {
        Unit unit = scope.resolve(ctx);
        Instant asked = Params.optionalInstant(ctx, "at");
        Instant at = asked != null ? asked : data.newestEventAt().orElse(Instant.now());
        int limit = Params.intParam(ctx, "limit", 100, 1, 1000);
        Set<String> units = scope.subtree(unit);
        var counts = Queries.async(() -> alerts.countsAt(units, at));
        List<Map<String, Object>> list = new ArrayList<>();
        for (AlertRepository.Alert a : alerts.activeAt(units, at, limit)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dossierId", a.dossierId());
            m.put("kind", a.kind());
            m.put("raisedAt", Times.iso(a.raisedAt()));
            m.put("resolvedAt", Times.iso(a.resolvedAt()));
            m.put("dueAt", Times.iso(a.dueAt()));
            m.put("unitCode", a.unitCode());
            m.put("unitName", scope.name(a.unitCode()));
            m.put("currentUnitCode", a.currentUnitCode());
            m.put("procedureCode", a.procedureCode());
            m.put("procedureName", catalogs.procedures().nameOf(a.procedureCode()));
            list.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", unit.code());
        m.put("unitName", unit.name());
        m.put("at", Times.iso(at));
        m.put("counts", Queries.join(counts));
        m.put("alerts", list);
        ctx.json(m);
    }

    private void units(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Unit u : catalogs.units().all()) {
            if (p == null || p.canSee(u.code())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", u.code());
                m.put("name", u.name());
                m.put("level", u.level().name());
                m.put("parentCode", u.parentCode());
                m.put("validFrom", u.validFrom() == null ? null : u.validFrom().toString());
                m.put("validTo", u.validTo() == null ? null : u.validTo().toString());
                m.put("successorCode", u.successorCode());
                out.add(m);
            }
        }
        if (out.isEmpty()) {
            throw new ApiError(403, "No unit is visible to you");
        }
        ctx.json(out);
    }
}
