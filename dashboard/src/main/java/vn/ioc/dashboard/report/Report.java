package vn.ioc.dashboard.report;

import vn.ioc.dashboard.dossier.DossierRepository.LateDossier;
import vn.ioc.dashboard.kpi.KpiRepository.ProcedureCounts;
import vn.ioc.dashboard.kpi.UnitKpis;
import vn.ioc.domain.catalog.Unit;
import vn.ioc.domain.kpi.Decision766;
import vn.ioc.domain.kpi.KpiCounts;

import java.time.Instant;
import java.util.List;

/**
 * A department report: the unit's KPIs for the period against the previous period and the province,
 * its rank among peers, the Decision 766 projection, its children and procedures for drill-down, and
 * the dossiers that ended late or are overdue or at risk at {@code lateAt} ({@code lateTruncated}: more
 * of them than the report lists).
 */
public record Report(Unit unit, Period period, Period previousPeriod, Instant asOf, Instant lateAt,
                     KpiCounts current, KpiCounts previous, Unit province, KpiCounts provinceCounts,
                     UnitKpis.Rank rank, Decision766.Scorecard scorecard, List<UnitKpis.UnitCounts> children,
                     List<ProcedureCounts> procedures, List<LateDossier> late,
                     boolean lateTruncated) {
}
