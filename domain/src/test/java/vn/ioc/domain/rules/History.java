package vn.ioc.domain.rules;

import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.event.Channel;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventType;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** Builds one dossier's event history in local time (Asia/Ho_Chi_Minh) for readable tests. */
public final class History {

    public static final WorkingCalendar PLAIN_CALENDAR = new WorkingCalendar(List.of());
    /** Procedure "P2" takes 2 working days, "P1" one, anything else 5. */
    public static final ToIntFunction<String> STATUTORY_DAYS = code -> switch (code) {
        case "P1" -> 1;
        case "P2" -> 2;
        default -> 5;
    };

    private final String dossierId;
    private final List<DossierEvent> events = new ArrayList<>();
    private String unitCode = "U";

    private History(String dossierId) {
        this.dossierId = dossierId;
    }

    public static History of(String dossierId) {
        return new History(dossierId);
    }

    /** "2025-06-16T17:00" is read as local time; a string with an offset is taken as it is. */
    public static Instant t(String time) {
        if (time.endsWith("Z") || time.lastIndexOf('+') > 9) {
            return OffsetDateTime.parse(time).toInstant();
        }
        return LocalDateTime.parse(time).atZone(WorkingCalendar.ZONE).toInstant();
    }

    public History received(String at, String unit, String dueAt) {
        return received(at, unit, "P5", Channel.COUNTER, dueAt == null ? null : t(dueAt), false, false, false);
    }

    public History received(String at, String unit, String procedure, Channel channel, Instant dueAt,
                            boolean feeRequired, boolean digitized, boolean reusedData) {
        unitCode = unit;
        return add(next(EventType.RECEIVED, t(at)).withReception(procedure, channel, dueAt, feeRequired, digitized, reusedData));
    }

    public History event(EventType type, String at) {
        return add(next(type, t(at)));
    }

    public History completed(String at, boolean electronicResult) {
        return add(next(EventType.COMPLETED, t(at)).withElectronicResult(electronicResult));
    }

    public History rated(String at, int rating) {
        return add(next(EventType.RATED, t(at)).withRating(rating));
    }

    public History paid(String at, boolean online) {
        return add(next(EventType.PAID, t(at)).withOnline(online));
    }

    public History transferred(String at, String toUnit) {
        return add(next(EventType.TRANSFERRED, t(at)).withToUnitCode(toUnit));
    }

    public History apology(String at, String newDueAt) {
        return add(next(EventType.APOLOGY_ISSUED, t(at)).withNewDueAt(t(newDueAt)));
    }

    public History add(DossierEvent e) {
        events.add(e);
        return this;
    }

    public List<DossierEvent> events() {
        return List.copyOf(events);
    }

    public DossierState evaluate() {
        return evaluate(PLAIN_CALENDAR);
    }

    public DossierState evaluate(WorkingCalendar calendar) {
        return DossierRules.evaluate(dossierId, events, STATUTORY_DAYS, calendar);
    }

    private DossierEvent next(EventType type, Instant at) {
        return DossierEvent.of(dossierId + "-e" + (events.size() + 1), dossierId, type, at, unitCode);
    }
}
