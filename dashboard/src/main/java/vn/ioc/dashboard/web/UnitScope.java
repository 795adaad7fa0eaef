package vn.ioc.dashboard.web;

import io.javalin.http.Context;
import vn.ioc.dashboard.ApiError;
import vn.ioc.dashboard.auth.AccessControl;
import vn.ioc.dashboard.auth.Principal;
import vn.ioc.domain.catalog.Unit;
import vn.ioc.domain.catalog.UnitCatalog;

import java.util.Set;

/**
 * The unit a request is about, within what its principal may see: a department head reaches only
 * the subtree of their unit, in pages and API alike; any unit outside it is a 403.
 */
public final class UnitScope {

    private final UnitCatalog units;

    public UnitScope(UnitCatalog units) {
        this.units = units;
    }

    public UnitCatalog catalog() {
        return units;
    }

    /** {@code ?unit=}, or by default the principal's own unit, or the province (the catalog's root). */
    public Unit resolve(Context ctx) {
        return resolve(ctx, Params.optional(ctx, "unit"));
    }

    public Unit resolve(Context ctx, String code) {
        Principal p = AccessControl.principal(ctx);
        if (code == null) {
            code = p != null && p.homeUnit() != null ? p.homeUnit()
                    : units.root().orElseThrow(() -> new ApiError(400, "Parameter 'unit' is required (a unit code)")).code();
        }
        if (p != null && !p.canSee(code)) {
            throw new ApiError(403, "Unit '" + code + "' is outside the units you may see");
        }
        String c = code;
        return units.find(code).orElseThrow(() -> new ApiError(404, "Unknown unit '" + c + "'"));
    }

    /** An optional unit parameter: null when absent, checked like {@link #resolve} when present. */
    public Unit optional(Context ctx, String name) {
        String code = Params.optional(ctx, name);
        return code == null ? null : resolve(ctx, code);
    }

    public Set<String> subtree(Unit unit) {
        return units.subtree(unit.code());
    }

    /** 403 unless the principal may see at least one of the codes (a dossier's unit or current unit). */
    public void requireVisible(Context ctx, String... codes) {
        Principal p = AccessControl.principal(ctx);
        if (p == null || p.seesEverything()) {
            return;
        }
        for (String c : codes) {
            if (c != null && p.canSee(c)) {
                return;
            }
        }
        throw new ApiError(403, "This dossier belongs to a unit outside the units you may see");
    }

    public String name(String code) {
        return units.find(code).map(Unit::name).orElse(code);
    }
}
