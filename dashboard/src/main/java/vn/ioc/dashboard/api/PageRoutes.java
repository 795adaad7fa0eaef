package vn.ioc.dashboard.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.ioc.dashboard.auth.Access;
import vn.ioc.dashboard.auth.AccessControl;
import vn.ioc.dashboard.auth.Principal;
import vn.ioc.dashboard.dossier.DossierRepository;
import vn.ioc.dashboard.web.Pages;
import vn.ioc.dashboard.web.Params;
import vn.ioc.dashboard.web.UnitScope;

import java.util.Map;

/**
 * The pages: the IOC wall ({@code /}), the department report, one dossier, the analyst's workspace and
 * administration. A page checks the units it is asked about like the API does, so a department head
 * cannot even open another unit's report.
 */
public final class PageRoutes {

    private final UnitScope scope;
    private final DossierRepository dossiers;

    public PageRoutes(UnitScope scope, DossierRepository dossiers) {
        this.scope = scope;
        this.dossiers = dossiers;
    }

    public void register(Javalin app) {
        app.get("/", this::wall, Access.WALL);
        app.get("/report", this::report, Access.READ);
        app.get("/dossier", this::dossier, Access.READ);
        app.get("/analyst", ctx -> Pages.send(ctx, "analyst.html"), Access.SQL);
        app.get("/admin", ctx -> Pages.send(ctx, "admin.html"), Access.ADMIN);
        app.get("/api/openapi.json", ctx -> {
            ctx.contentType("application/json; charset=utf-8");
            ctx.result(PageRoutes.class.getResourceAsStream("/openapi.json"));
        }, Access.PUBLIC);
    }

    private void wall(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        if (!p.seesEverything()) {
            // The wall shows the whole province; a department head's screen is their report.
            ctx.redirect(AccessControl.home(p));
            return;
        }
        Pages.send(ctx, "wall.html");
    }

    private void report(Context ctx) {
        scope.resolve(ctx);
        Pages.send(ctx, "report.html");
    }

    private void dossier(Context ctx) {
        String id = Params.optional(ctx, "id");
        if (id != null) {
            Map<String, Object> d = dossiers.find(id).orElse(null);
            if (d != null) {
                scope.requireVisible(ctx, (String) d.get("unitCode"), (String) d.get("currentUnitCode"));
            }
        }
        Pages.send(ctx, "dossier.html");
    }
}
