package vn.ioc.dashboard;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.ioc.dashboard.kpi.KpiJson;
import vn.ioc.dashboard.kpi.KpiRepository;
import vn.ioc.dashboard.status.PipelineStatus;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.Unit;
import vn.ioc.domain.kpi.KpiCounts;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard: JSON API and pages. Built from its dependencies so tests can hand it a real
 * ClickHouse and no Kafka, and run it with JavalinTest.
 */
public final class DashboardApp {

    private final Catalogs catalogs;
    private final KpiRepository kpis;
    private final PipelineStatus status;

    public DashboardApp(Catalogs catalogs, KpiRepository kpis, PipelineStatus status) {
        this.catalogs = catalogs;
        this.kpis = kpis;
        this.status = status;
    }

    public Javalin javalin() {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.enableWebjars();
            config.staticFiles.add("/public");
            config.http.defaultContentType = "application/json";
        });
        app.get("/api/kpi", this::kpi);
        app.get("/api/status", ctx -> ctx.json(status.status()));
        app.get("/api/units", ctx -> ctx.json(catalogs.units().all()));
        app.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(Map.of("error", e.getMessage())));
        return app;
    }

    private void kpi(Context ctx) {
        String unitCode = ctx.queryParam("unit");
        if (unitCode == null || unitCode.isBlank()) {
            Unit root = catalogs.units().root()
                    .orElseThrow(() -> new ApiError(400, "Parameter 'unit' is required (a unit code)"));
            unitCode = root.code();
        }
        String code = unitCode;
        Unit unit = catalogs.units().find(code)
                .orElseThrow(() -> new ApiError(404, "Unknown unit '" + code + "'"));
        LocalDate from = date(ctx, "from");
        LocalDate to = date(ctx, "to");
        if (from.isAfter(to)) {
            throw new ApiError(400, "'from' (" + from + ") is after 'to' (" + to + ")");
        }
        Set<String> subtree = catalogs.units().subtree(unit.code());
        KpiCounts counts = kpis.counts(subtree, from, to);
        ctx.json(KpiJson.of(unit.code(), unit.name(), from, to, counts));
    }

    private static LocalDate date(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new ApiError(400, "Parameter '" + name + "' is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "Parameter '" + name + "' must be a date YYYY-MM-DD, was '" + value + "'");
        }
    }
}
