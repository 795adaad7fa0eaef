package vn.ioc.dashboard.api;

import vn.ioc.dashboard.Queries;
import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.ioc.dashboard.ApiError;
import vn.ioc.dashboard.alerts.AlertRepository;
import vn.ioc.dashboard.auth.Access;
import vn.ioc.dashboard.auth.AccessControl;
import vn.ioc.dashboard.auth.Principal;
import vn.ioc.dashboard.dossier.DossierQuery;
import vn.ioc.dashboard.dossier.DossierRepository;
import vn.ioc.dashboard.report.ReportJson;
import vn.ioc.dashboard.status.DataVersion;
import vn.ioc.dashboard.web.DateRange;
import vn.ioc.dashboard.web.Params;
import vn.ioc.dashboard.web.Times;
import vn.ioc.dashboard.web.UnitScope;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.Unit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Dossiers: search, one dossier's state and timeline, the late and at-risk list. */
public final class DossierRoutes {

    private final Catalogs catalogs;
    private final UnitScope scope;
    private final DossierRepository dossiers;
    private final AlertRepository alerts;
    private final DataVersion data;

    public DossierRoutes(Catalogs catalogs, UnitScope scope, DossierRepository dossiers, AlertRepository alerts,
                         DataVersion data) {
        this.catalogs = catalogs;
        this.scope = scope;
        this.dossiers = dossiers;
        this.alerts = alerts;
        this.data = data;
    }

    public void register(Javalin app) {
        app.get("/api/dossiers", this::search, Access.READ);
        app.get("/api/dossiers/{id}", this::dossier, Access.READ);
        app.get("/api/late", this::late, Access.READ);
    }

    private void search(Context ctx) {
        Unit unit = scope.optional(ctx, "unit");
        Principal p = AccessControl.principal(ctx);
        Set<String> units = unit != null ? scope.subtree(unit) : p.units();
        DossierQuery q = new DossierQuery(units, Params.optional(ctx, "procedure"), Params.optional(ctx, "status"),
                Params.optional(ctx, "channel"), Params.optionalDate(ctx, "from"), Params.optionalDate(ctx, "to"),
                Params.optional(ctx, "q"), Params.intParam(ctx, "limit", 50, 1, 500),
                Params.intParam(ctx, "offset", 0, 0, 1_000_000));
        DossierRepository.Page page = dossiers.search(q);
        for (Map<String, Object> d : page.dossiers()) {
            named(d);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", page.total());
        m.put("limit", q.limit());
        m.put("offset", q.offset());
        m.put("dossiers", page.dossiers());
        ctx.json(m);
    }

    private void dossier(Context ctx) {
        String id = ctx.pathParam("id");
        // Three lookups by the dossier's id, asked at once; the timeline and alerts are only shown
        // once the dossier's row says the user may see it.
        var timeline = Queries.async(() -> dossiers.timeline(id));
        var dossierAlerts = Queries.async(() -> alerts.ofDossier(id));
        Map<String, Object> d = dossiers.find(id).orElseThrow(() -> new ApiError(404, "No dossier '" + id + "'"));
        scope.requireVisible(ctx, (String) d.get("unitCode"), (String) d.get("currentUnitCode"));
        named(d);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dossier", d);
        m.put("timeline", Queries.join(timeline));
        List<Map<String, Object>> episodes = new ArrayList<>();
        for (AlertRepository.Alert a : Queries.join(dossierAlerts)) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", a.kind());
            e.put("raisedAt", Times.iso(a.raisedAt()));
            e.put("resolvedAt", Times.iso(a.resolvedAt()));
            e.put("dueAt", Times.iso(a.dueAt()));
            episodes.add(e);
        }
        m.put("alerts", episodes);
        ctx.json(m);
    }

    private void late(Context ctx) {
        Unit unit = scope.resolve(ctx);
        DateRange p = Params.range(ctx, KpiRoutes.MAX_DAYS);
        int limit = Params.intParam(ctx, "limit", 500, 1, 5000);
        DossierRepository.LateList list = dossiers.late(scope.subtree(unit), p.from(), p.to(), data::newestEventAt, limit);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", unit.code());
        m.put("unitName", unit.name());
        m.put("from", p.from().toString());
        m.put("to", p.to().toString());
        m.put("at", Times.iso(list.at()));
        m.put("limit", limit);
        m.put("truncated", list.truncated());
        m.put("dossiers", ReportJson.late(list.dossiers(), catalogs));
        ctx.json(m);
    }

    private void named(Map<String, Object> d) {
        d.put("unitName", scope.name((String) d.get("unitCode")));
        d.put("procedureName", catalogs.procedures().nameOf((String) d.get("procedureCode")));
    }
}
