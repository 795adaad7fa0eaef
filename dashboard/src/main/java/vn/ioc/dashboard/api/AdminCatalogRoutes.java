package vn.ioc.dashboard.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.ioc.dashboard.ApiError;
import vn.ioc.dashboard.admin.CatalogDirectory;
import vn.ioc.dashboard.auth.Access;
import vn.ioc.dashboard.auth.UserDirectory;
import vn.ioc.dashboard.web.Times;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.Procedure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The catalogs: those in effect (read at start), and the files of the operator's catalog directory.
 * <pre>
 * GET /api/admin/catalog          units, procedures, calendar in effect; the directory, its files, whether uploads work
 * GET /api/admin/catalog/{file}   units.csv, procedures.csv or calendar.csv as it is now (to correct and upload)
 * PUT /api/admin/catalog/{file}   the replacement, as text/csv: checked, then saved; effective at the next start
 * </pre>
 */
public final class AdminCatalogRoutes {

    private final Catalogs inEffect;
    private final CatalogDirectory directory;
    private final UserDirectory users;

    public AdminCatalogRoutes(Catalogs inEffect, CatalogDirectory directory, UserDirectory users) {
        this.inEffect = inEffect;
        this.directory = directory;
        this.users = users;
    }

    public void register(Javalin app) {
        app.get("/api/admin/catalog", this::catalog, Access.ADMIN);
        app.get("/api/admin/catalog/{file}", this::download, Access.ADMIN);
        app.put("/api/admin/catalog/{file}", this::upload, Access.ADMIN);
    }

    private void catalog(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("units", inEffect.units().all().stream().map(u -> {
            Map<String, Object> um = new LinkedHashMap<>();
            um.put("code", u.code());
            um.put("name", u.name());
            um.put("level", u.level().name());
            um.put("parentCode", u.parentCode());
            um.put("validFrom", u.validFrom() == null ? null : u.validFrom().toString());
            um.put("validTo", u.validTo() == null ? null : u.validTo().toString());
            um.put("successorCode", u.successorCode());
            return um;
        }).toList());
        m.put("procedures", inEffect.procedures().all().stream().map(AdminCatalogRoutes::procedure).toList());
        m.put("calendar", inEffect.calendarDays().stream()
                .map(d -> Map.of("date", d.date().toString(), "kind", d.kind().name(), "name", d.name() == null ? "" : d.name()))
                .toList());
        m.put("directory", directory.dir() == null ? null : directory.dir().toAbsolutePath().toString());
        m.put("files", directory.files().stream().map(f -> {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("name", f.name());
            fm.put("bytes", f.bytes());
            fm.put("modifiedAt", f.modifiedAt() == null ? null : Times.iso(f.modifiedAt()));
            fm.put("changedSinceStart", f.changedSinceStart());
            return fm;
        }).toList());
        m.put("uploads", directory.uploads().json());
        ctx.json(m);
    }

    private static Map<String, Object> procedure(Procedure p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", p.code());
        m.put("name", p.name());
        m.put("field", p.field());
        m.put("statutoryWorkingDays", p.statutoryWorkingDays());
        m.put("feeRequired", p.feeRequired());
        m.put("onlineLevel", p.onlineLevel().name());
        return m;
    }

    private void download(Context ctx) {
        String name = ctx.pathParam("file");
        byte[] csv = directory.read(name);
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.contentType("text/csv; charset=utf-8").result(csv);
    }

    /**
     * A province's procedures can pass the 1 MB every other request is held to, so this one route
     * reads its body itself, up to its own bound.
     */
    static final int MAX_CATALOG_BYTES = 8_000_000;

    private static byte[] catalogBody(Context ctx) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes(MAX_CATALOG_BYTES + 1);
            if (body.length > MAX_CATALOG_BYTES) {
                throw new ApiError(413, "TOO_LARGE", "A catalog file may have at most " + MAX_CATALOG_BYTES + " bytes",
                        Map.of("maxBytes", MAX_CATALOG_BYTES));
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void upload(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
            throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the file as the body, with Content-Type: text/csv", Map.of());
        }
        CatalogDirectory.Replaced saved = directory.replace(ctx.pathParam("file"), catalogBody(ctx), users.users());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", saved.name());
        m.put("rows", saved.rows());
        m.put("savedTo", saved.savedTo().toAbsolutePath().toString());
        m.put("previousKeptAs", saved.previousKeptAs() == null ? null : saved.previousKeptAs().toAbsolutePath().toString());
        m.put("effectiveAfterRestart", true);
        ctx.json(m);
    }
}
