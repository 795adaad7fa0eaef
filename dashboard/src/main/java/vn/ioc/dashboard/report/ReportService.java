package vn.ioc.dashboard.report;

import vn.ioc.dashboard.Queries;
import vn.ioc.dashboard.dossier.DossierRepository;
import vn.ioc.dashboard.kpi.KpiRepository;
import vn.ioc.dashboard.kpi.UnitKpis;
import vn.ioc.dashboard.status.DataVersion;
import vn.ioc.dashboard.web.Times;
import vn.ioc.domain.catalog.Unit;
import vn.ioc.domain.catalog.UnitCatalog;
import vn.ioc.domain.kpi.Decision766;
import vn.ioc.domain.kpi.KpiCounts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Builds department reports from the KPI tables, the dossiers and the alert episodes. */
public final class ReportService {

    /** Enough lines for a unit's late list; the full list is a dossier search away. */
    static final int LATE_LIMIT = 500;

    private final UnitCatalog units;
    private final KpiRepository kpis;
    private final UnitKpis unitKpis;
    private final DossierRepository dossiers;
    private final DataVersion data;

    public ReportService(UnitCatalog units, KpiRepository kpis, DossierRepository dossiers, DataVersion data) {
        this.units = units;
        this.kpis = kpis;
        this.unitKpis = new UnitKpis(units, kpis);
        this.dossiers = dossiers;
        this.data = data;
    }

    /** The day the data has reached (its newest event), or today when there is no event yet. */
    public LocalDate dataDay() {
        return data.newestEventAt().map(Times::localDate).orElse(LocalDate.now(Times.ZONE));
    }

    /** The whole report, procedures and late list included (for the exports). */
    public Report build(Unit unit, Period period) {
        return build(unit, period, true, true);
    }

    /**
     * The report; without procedures or without the late list when the page asks (it loads them from
     * /api/kpi/procedures and /api/late beside the rest of the report, and draws each part as it comes).
     */
    public Report build(Unit unit, Period period, boolean withProcedures, boolean withLate) {
        Set<String> subtree = units.subtree(unit.code());
        Period prev = period.previous();
        Unit province = units.root().orElse(unit);
        // The parts are independent queries: asked at once, the report takes as long as its slowest
        // part instead of their sum. One grouped query over the province gives the unit, the province,
        // the peers' rank and the children.
        boolean inProvince = reachesParent(province, unit);
        Unit top = inProvince ? province : units.find(unit.parentCode()).orElse(unit);
        var newest = Queries.async(data::newestEventAt);
        // The previous period from the same scan of kpi_daily: one query fewer on the cores the others share.
        var byUnit = Queries.async(() -> unitKpis.byUnit(top, period.from(), period.to(), prev.from(), prev.to()));
        // A catalog may hold units outside the province's tree: then the province is a query of its own.
        var provinceCounts = inProvince ? null
                : Queries.async(() -> kpis.counts(units.subtree(province.code()), period.from(), period.to()));
        var procedures = withProcedures ? Queries.async(() -> kpis.byProcedure(subtree, period.from(), period.to()))
                : CompletableFuture.completedFuture(List.<KpiRepository.ProcedureCounts>of());
        DossierRepository.LateList late = withLate
                ? dossiers.late(subtree, period.from(), period.to(), () -> Queries.join(newest), LATE_LIMIT)
                : new DossierRepository.LateList(null, List.of(), false);
        Instant asOf = Queries.join(newest).orElse(null);
        UnitKpis.ByUnit kpisByUnit = Queries.join(byUnit);
        KpiCounts counts = kpisByUnit.subtree(unit);
        return new Report(unit, period, prev, asOf, late.at(), counts, kpisByUnit.previousSubtree(unit), province,
                provinceCounts == null ? kpisByUnit.subtree(province) : Queries.join(provinceCounts),
                kpisByUnit.rank(unit), Decision766.score(counts), kpisByUnit.children(unit), Queries.join(procedures),
                late.dossiers(), late.truncated());
    }

    /** Whether {@code top}'s subtree holds {@code unit} and its parent, which its rank is computed among. */
    private boolean reachesParent(Unit top, Unit unit) {
        Set<String> reach = units.subtree(top.code());
        return reach.contains(unit.code()) && (unit.parentCode() == null || reach.contains(unit.parentCode()));
    }
}
