package vn.ioc.analytics.lifecycle;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.ioc.analytics.rows.AlertChange;
import vn.ioc.analytics.rows.AlertRow;
import vn.ioc.analytics.rows.AlertTransitionRow;
import vn.ioc.analytics.rows.DayDelta;
import vn.ioc.analytics.rows.DossierRow;
import vn.ioc.analytics.rows.KpiProcedureChange;
import vn.ioc.analytics.rows.LateDossierRow;
import vn.ioc.domain.alerts.DossierAlerts;
import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.kpi.DailyContributions;
import vn.ioc.domain.kpi.DayContribution;
import vn.ioc.domain.rules.DossierRules;
import vn.ioc.domain.rules.DossierState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The life of one dossier (keyed by dossier id). It keeps the dossier's distinct events, whatever
 * order they arrive in, and after each new one re-reads the whole history with the domain rules:
 * a RECEIVED arriving after its COMPLETED, or a supplement found days later, simply gives a new
 * state. The difference between the dossier's new and previous contributions to the per-day counts
 * goes downstream as deltas, so the daily aggregates are corrected in place.
 */
public final class DossierLifecycleFunction extends KeyedProcessFunction<String, ValidatedEvent, DayDelta> {

    /** The dossier's latest state, for the {@code dossiers} table. */
    public static final OutputTag<DossierRow> DOSSIERS = new OutputTag<>("dossiers") { };

    /** Alert episodes that appeared, changed or disappeared, for the {@code alerts} table. */
    public static final OutputTag<AlertRow> ALERTS = new OutputTag<>("alerts") { };

    /** The dossier under its late end, or withdrawn from where it was, for the {@code late_dossiers} table. */
    public static final OutputTag<LateDossierRow> LATE_DOSSIERS = new OutputTag<>("late-dossiers") { };

    /** The changed episodes again, under their resolution, for the {@code alerts_by_resolution} table. */
    public static final OutputTag<AlertRow> ALERTS_BY_RESOLUTION = new OutputTag<>("alerts-by-resolution") { };

    /** Raises and resolutions that appeared, moved or disappeared, for the {@code alert_transitions} table. */
    public static final OutputTag<AlertTransitionRow> ALERT_TRANSITIONS = new OutputTag<>("alert-transitions") { };

    /** Differences in episodes raised and resolved per unit pair, kind and day, for {@code alert_daily}. */
    public static final OutputTag<AlertChange> ALERT_CHANGES = new OutputTag<>("alert-changes") { };

    /** Differences in the per-day counts of a unit and procedure, for {@code kpi_procedure_daily}. */
    public static final OutputTag<KpiProcedureChange> PROCEDURE_CHANGES = new OutputTag<>("procedure-changes") { };

    private final Catalogs catalogs;

    private transient WorkingCalendar calendar;
    private transient ValueState<DossierBundle> bundle;

    public DossierLifecycleFunction(Catalogs catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public void open(OpenContext openContext) {
        calendar = new WorkingCalendar(catalogs.calendarDays());
        bundle = getRuntimeContext().getState(stateDescriptor());
    }

    /** The one state value per dossier. */
    static ValueStateDescriptor<DossierBundle> stateDescriptor() {
        return new ValueStateDescriptor<>("dossier", Types.POJO(DossierBundle.class));
    }

    @Override
    public void processElement(ValidatedEvent in, Context ctx, Collector<DayDelta> out) throws Exception {
        DossierEvent event = in.event();
        DossierBundle stored = bundle.value(); // one read: each one deserializes the whole bundle
        DossierBundle before = stored == null ? DossierBundle.EMPTY : stored;
        if (before.has(event.eventId())) {
            return; // the same event again: it counts once
        }
        List<DossierEvent> history = new ArrayList<>(before.events().length + 1);
        history.addAll(Arrays.asList(before.events()));
        history.add(event);
        DossierState state = DossierRules.evaluate(ctx.getCurrentKey(), history,
                catalogs.procedures()::statutoryWorkingDays, calendar);
        long version = before.version() + 1;

        List<DayDelta> contributions = new ArrayList<>();
        for (DayContribution c : DailyContributions.of(state)) {
            contributions.add(DayDelta.of(c));
        }
        List<DayDelta> previousContributions = Arrays.asList(before.contributions());
        List<DayDelta> unitDiff = ContributionDiff.between(previousContributions, contributions);
        for (DayDelta delta : unitDiff) {
            out.collect(delta);
        }
        String procedure = procedureOf(state);
        for (KpiProcedureChange c : ContributionDiff.byProcedure(procedureBefore(ctx.getCurrentKey(), before), previousContributions,
                procedure, contributions, unitDiff)) {
            ctx.output(PROCEDURE_CHANGES, c);
        }

        DossierRow row = DossierRows.of(state, history, version);
        ctx.output(DOSSIERS, row);
        for (LateDossierRow late : LateDossierRows.changes(row, previousContributions, contributions, version)) {
            ctx.output(LATE_DOSSIERS, late);
        }

        List<AlertRow> alerts = AlertRows.of(state, DossierAlerts.episodes(state, calendar), version);
        List<AlertRow> previousAlerts = Arrays.asList(before.alerts());
        List<AlertRow> changedAlerts = AlertRows.changes(previousAlerts, alerts, version);
        for (AlertRow changed : changedAlerts) {
            ctx.output(ALERTS, changed);
        }
        if (!changedAlerts.isEmpty()) { // unchanged episodes move no transition and no count
            for (AlertRow r : AlertRows.byResolution(previousAlerts, changedAlerts, version)) {
                ctx.output(ALERTS_BY_RESOLUTION, r);
            }
            for (AlertTransitionRow t : AlertTransitions.changes(previousAlerts, alerts, version)) {
                ctx.output(ALERT_TRANSITIONS, t);
            }
            for (AlertChange c : AlertTransitions.dayChanges(previousAlerts, alerts)) {
                ctx.output(ALERT_CHANGES, c);
            }
        }

        bundle.update(new DossierBundle(history.toArray(new DossierEvent[0]), contributions.toArray(new DayDelta[0]),
                procedure, alerts.toArray(new AlertRow[0]), version));
    }

    private static String procedureOf(DossierState state) {
        return state.procedureCode() == null ? "" : state.procedureCode();
    }

    /**
     * The procedure the stored contributions count under. A state written before the bundle kept it
     * (restored from an older checkpoint) has none: the stored history says which it was.
     */
    private String procedureBefore(String dossierId, DossierBundle before) {
        if (before.procedureCode() != null) {
            return before.procedureCode();
        }
        return procedureOf(DossierRules.evaluate(dossierId, Arrays.asList(before.events()),
                catalogs.procedures()::statutoryWorkingDays, calendar));
    }
}
