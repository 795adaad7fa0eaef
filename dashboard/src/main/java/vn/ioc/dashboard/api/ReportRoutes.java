package vn.ioc.dashboard.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.ioc.dashboard.auth.Access;
import vn.ioc.dashboard.report.Period;
import vn.ioc.dashboard.report.Report;
import vn.ioc.dashboard.report.ReportExport;
import vn.ioc.dashboard.report.ReportJson;
import vn.ioc.dashboard.report.ReportService;
import vn.ioc.dashboard.web.Params;
import vn.ioc.dashboard.web.UnitScope;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.Unit;

import java.time.LocalDate;

/** The department report as JSON, CSV and XLSX: {@code ?unit=&period=week|month|quarter|year|range&date=} or {@code &from=&to=}. */
public final class ReportRoutes {

    private final Catalogs catalogs;
    private final UnitScope scope;
    private final ReportService reports;

    public ReportRoutes(Catalogs catalogs, UnitScope scope, ReportService reports) {
        this.catalogs = catalogs;
        this.scope = scope;
        this.reports = reports;
    }

    public void register(Javalin app) {
        app.get("/api/report", ctx -> ctx.json(ReportJson.of(report(ctx, !"false".equals(ctx.queryParam("procedures")),
                !"false".equals(ctx.queryParam("late"))), catalogs)), Access.READ);
        app.get("/api/report.csv", this::csv, Access.READ);
        app.get("/api/report.xlsx", this::xlsx, Access.READ);
    }

    private Report report(Context ctx) {
        return report(ctx, true, true);
    }

    private Report report(Context ctx, boolean withProcedures, boolean withLate) {
        Unit unit = scope.resolve(ctx);
        String kind = Params.optional(ctx, "period");
        Period.Kind k = kind == null ? Period.Kind.MONTH : Period.kind(kind);
        Period period;
        if (k == Period.Kind.RANGE) {
            period = Period.range(Params.requiredDate(ctx, "from"), Params.requiredDate(ctx, "to"));
        } else {
            LocalDate date = Params.optionalDate(ctx, "date");
            period = Period.containing(k, date != null ? date : reports.dataDay());
        }
        return reports.build(unit, period, withProcedures, withLate);
    }

    private void csv(Context ctx) {
        Report r = report(ctx);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(r) + ".csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(ReportExport.csv(r, catalogs));
    }

    private void xlsx(Context ctx) {
        Report r = report(ctx);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(r) + ".xlsx\"");
        ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").result(ReportExport.xlsx(r, catalogs));
    }

    /** bao-cao_000.00.12.H23_2026-03-01_2026-03-31: ASCII only, so every browser keeps it. */
    static String fileName(Report r) {
        return "bao-cao_" + r.unit().code().replaceAll("[^A-Za-z0-9.]", "_") + "_" + r.period().from() + "_" + r.period().to();
    }
}
