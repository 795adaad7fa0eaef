package vn.ioc.dashboard.report;

import vn.ioc.dashboard.dossier.DossierRepository;
import vn.ioc.dashboard.dossier.DossierRepository.LateDossier;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Builds department reports from the KPI table, the dossiers and the alert episodes. */
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

    /** The whole report, procedures included (for the exports). */
    public Report build(Unit unit, Period period) {
        return build(unit, period, true);
    }

    /**
     * The report; without procedures when the page asks (it loads them from /api/kpi/procedures on its
     * own, so the rest of the report does not wait for that scan of the dossiers).
     */
    public Report build(Unit unit, Period period, boolean withProcedures) {
        Set<String> subtree = units.subtree(unit.code());
        Period prev = period.previous();
        Unit province = units.root().orElse(unit);
        Instant start = Times.startOfDay(period.from());
        Instant end = Times.startOfDay(period.to().plusDays(1));
        // The parts are independent queries: asked at once, the report takes as long as its slowest
        // part instead of their sum.
        var current = async(() -> kpis.counts(subtree, period.from(), period.to()));
        var previous = async(() -> kpis.counts(subtree, prev.from(), prev.to()));
        var provinceCounts = province.code().equals(unit.code()) ? current
                : async(() -> kpis.counts(units.subtree(province.code()), period.from(), period.to()));
        var rank = async(() -> unitKpis.rank(unit, period.from(), period.to()));
        var children = async(() -> unitKpis.children(unit, period.from(), period.to()));
        var procedures = withProcedures ? async(() -> dossiers.byProcedure(subtree, start, end))
                : CompletableFuture.completedFuture(List.<DossierRepository.ProcedureCounts>of());
        var ended = async(() -> dossiers.endedLate(subtree, start, end, LATE_LIMIT));
        Instant asOf = data.newestEventAt().orElse(null);
        Instant lateAt = asOf != null && asOf.isBefore(end) ? asOf : end.minusMillis(1);
        List<LateDossier> late = new ArrayList<>(dossiers.overdueAndAtRisk(subtree, lateAt, LATE_LIMIT));
        late.addAll(get(ended));
        KpiCounts counts = get(current);
        return new Report(unit, period, prev, asOf, lateAt, counts, get(previous), province, get(provinceCounts),
                get(rank), Decision766.score(counts), get(children), get(procedures), late);
    }

    private static <T> CompletableFuture<T> async(Supplier<T> query) {
        return CompletableFuture.supplyAsync(query, QUERIES);
    }

    /** The part's value, or the exception its query threw, as if it had been called directly. */
    private static <T> T get(CompletableFuture<T> part) {
        try {
            return part.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Threads that wait on ClickHouse for report parts; daemon, so they never hold the JVM up. */
    private static final ExecutorService QUERIES = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "report-query");
        t.setDaemon(true);
        return t;
    });
}
