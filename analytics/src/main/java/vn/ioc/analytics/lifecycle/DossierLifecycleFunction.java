package vn.ioc.analytics.lifecycle;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.ioc.analytics.rows.AlertRow;
import vn.ioc.analytics.rows.DayDelta;
import vn.ioc.analytics.rows.DossierRow;
import vn.ioc.domain.alerts.DossierAlerts;
import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.kpi.DailyContributions;
import vn.ioc.domain.kpi.DayContribution;
import vn.ioc.domain.rules.DossierRules;
import vn.ioc.domain.rules.DossierState;

import java.util.ArrayList;
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

    private final Catalogs catalogs;

    private transient WorkingCalendar calendar;
    private transient MapState<String, DossierEvent> eventsById;
    private transient ListState<DayDelta> contributions;
    private transient ValueState<Long> version;
    private transient ListState<AlertRow> alerts;

    public DossierLifecycleFunction(Catalogs catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public void open(OpenContext openContext) {
        calendar = new WorkingCalendar(catalogs.calendarDays());
        eventsById = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("events-by-id", Types.STRING, Types.POJO(DossierEvent.class)));
        contributions = getRuntimeContext().getListState(
                new ListStateDescriptor<>("contributions", Types.POJO(DayDelta.class)));
        version = getRuntimeContext().getState(new ValueStateDescriptor<>("version", Types.LONG));
        alerts = getRuntimeContext().getListState(new ListStateDescriptor<>("alerts", Types.POJO(AlertRow.class)));
    }

    @Override
    public void processElement(ValidatedEvent in, Context ctx, Collector<DayDelta> out) throws Exception {
        DossierEvent event = in.event();
        if (eventsById.contains(event.eventId())) {
            return; // the same event again: it counts once
        }
        eventsById.put(event.eventId(), event);

        List<DossierEvent> history = new ArrayList<>();
        for (DossierEvent e : eventsById.values()) {
            history.add(e);
        }
        DossierState state = DossierRules.evaluate(ctx.getCurrentKey(), history,
                catalogs.procedures()::statutoryWorkingDays, calendar);

        List<DayDelta> before = new ArrayList<>();
        for (DayDelta c : contributions.get()) {
            before.add(c);
        }
        List<DayDelta> after = new ArrayList<>();
        for (DayContribution c : DailyContributions.of(state)) {
            after.add(DayDelta.of(c));
        }
        for (DayDelta delta : ContributionDiff.between(before, after)) {
            out.collect(delta);
        }
        contributions.update(after);

        long v = version.value() == null ? 1 : version.value() + 1;
        version.update(v);
        ctx.output(DOSSIERS, DossierRows.of(state, history, v));

        List<AlertRow> previous = new ArrayList<>();
        for (AlertRow a : alerts.get()) {
            previous.add(a);
        }
        List<AlertRow> current = AlertRows.of(state, DossierAlerts.episodes(state, calendar), v);
        for (AlertRow changed : AlertRows.changes(previous, current, v)) {
            ctx.output(ALERTS, changed);
        }
        alerts.update(current);
    }
}
