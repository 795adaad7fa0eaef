package vn.ioc.domain.rules;

import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.catalog.CalendarDay;
import vn.ioc.domain.catalog.CalendarDayKind;
import vn.ioc.domain.event.Channel;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random but plausible-to-nasty dossier histories: times on window edges and at local midnight,
 * events sharing an instant, pauses left open, several ends, ratings, dossiers never received.
 */
public final class RandomHistories {

    public static final LocalDate BASE = LocalDate.of(2025, 6, 2);
    /** A holiday on Tue 10 Jun and a swapped working Saturday 21 Jun inside the generated range. */
    public static final WorkingCalendar CALENDAR = new WorkingCalendar(List.of(
            new CalendarDay(LocalDate.of(2025, 6, 10), CalendarDayKind.HOLIDAY, "Nghỉ"),
            new CalendarDay(LocalDate.of(2025, 6, 21), CalendarDayKind.WORKDAY, "Làm bù")));
    public static final List<String> UNITS = List.of("A", "B", "C");

    private static final LocalTime[] EDGES = {LocalTime.MIDNIGHT, LocalTime.of(7, 0), LocalTime.of(11, 30),
            LocalTime.of(13, 30), LocalTime.of(17, 0), LocalTime.of(23, 59)};
    private static final EventType[] LATER_TYPES = {
            EventType.SUPPLEMENT_REQUESTED, EventType.SUPPLEMENT_REQUESTED, EventType.SUPPLEMENT_REQUESTED,
            EventType.SUPPLEMENT_RECEIVED, EventType.SUPPLEMENT_RECEIVED, EventType.SUPPLEMENT_RECEIVED,
            EventType.RATED, EventType.RATED, EventType.PAID, EventType.TRANSFERRED, EventType.APOLOGY_ISSUED,
            EventType.SUBMITTED, EventType.FEE_REQUESTED,
            EventType.COMPLETED, EventType.STOPPED, EventType.WITHDRAWN, EventType.RETURNED};

    private RandomHistories() {
    }

    public static List<DossierEvent> history(Random r, String dossierId) {
        String unit = UNITS.get(r.nextInt(UNITS.size()));
        List<DossierEvent> events = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        Instant t0 = instant(r, BASE.plusDays(r.nextInt(25)));
        if (r.nextInt(8) != 0) {
            Instant due = r.nextBoolean() ? null : instant(r, WorkingCalendar.localDate(t0).plusDays(r.nextInt(12)));
            String procedure = List.of("P1", "P2", "P5").get(r.nextInt(3));
            Channel channel = Channel.values()[r.nextInt(3)];
            events.add(DossierEvent.of(dossierId + "-r", dossierId, EventType.RECEIVED, t0, unit)
                    .withReception(procedure, channel, due, r.nextBoolean(), r.nextBoolean(), r.nextBoolean()));
        }
        times.add(t0);
        int more = r.nextInt(10);
        for (int i = 0; i < more; i++) {
            EventType type = LATER_TYPES[r.nextInt(LATER_TYPES.length)];
            Instant at = r.nextInt(6) == 0
                    ? times.get(r.nextInt(times.size()))
                    : instant(r, WorkingCalendar.localDate(t0).plusDays(r.nextInt(30) - 1));
            times.add(at);
            DossierEvent e = DossierEvent.of(dossierId + "-" + i, dossierId, type, at, unit);
            e = switch (type) {
                case RATED -> e.withRating(1 + r.nextInt(3));
                case PAID -> e.withOnline(r.nextBoolean());
                case COMPLETED -> e.withElectronicResult(r.nextBoolean());
                case TRANSFERRED -> e.withToUnitCode(UNITS.get(r.nextInt(UNITS.size())));
                case APOLOGY_ISSUED -> e.withNewDueAt(at.plus(Duration.ofDays(3)));
                default -> e;
            };
            events.add(e);
        }
        return events;
    }

    public static DossierState evaluate(String dossierId, List<DossierEvent> events) {
        return DossierRules.evaluate(dossierId, events, History.STATUTORY_DAYS, CALENDAR);
    }

    private static Instant instant(Random r, LocalDate day) {
        LocalTime time = r.nextInt(3) == 0
                ? EDGES[r.nextInt(EDGES.length)]
                : LocalTime.of(r.nextInt(24), r.nextInt(60));
        return day.atTime(time).atZone(WorkingCalendar.ZONE).toInstant();
    }
}
