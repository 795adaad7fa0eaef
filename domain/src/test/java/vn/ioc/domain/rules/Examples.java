package vn.ioc.domain.rules;

import vn.ioc.domain.event.Channel;
import vn.ioc.domain.event.EventType;

import java.util.List;

import static vn.ioc.domain.rules.History.t;

/** The four dossiers of /work/shared/domain/examples/events.jsonl, event for event. */
public final class Examples {

    public static final String DEPARTMENT = "000.00.12.H23";
    public static final String COMMUNE = "000.31.07.H23";

    private Examples() {
    }

    public static History dossier0001() {
        return History.of(DEPARTMENT + "-250602-0001")
                .event(EventType.SUBMITTED, "2025-06-02T07:40:11")
                .received("2025-06-02T08:05", DEPARTMENT, "1.001612", Channel.ONLINE, t("2025-06-05T08:05"), true, true, false)
                .event(EventType.FEE_REQUESTED, "2025-06-02T09:00")
                .paid("2025-06-02T10:12:40", true)
                .completed("2025-06-04T15:30", true)
                .add(vn.ioc.domain.event.DossierEvent.of("e-0006", DEPARTMENT + "-250602-0001", EventType.RETURNED,
                        t("2025-06-05T09:00"), DEPARTMENT).withByPost(true))
                .rated("2025-06-05T19:20", 3);
    }

    public static History dossier0042() {
        return History.of(COMMUNE + "-250603-0042")
                .received("2025-06-03T14:10", COMMUNE, "2.000815", Channel.COUNTER, t("2025-06-16T17:00"), false, false, false)
                .transferred("2025-06-04T08:30", DEPARTMENT)
                .event(EventType.SUPPLEMENT_REQUESTED, "2025-06-05T10:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2025-06-09T08:00")
                .apology("2025-06-16T16:00", "2025-06-20T17:00")
                .completed("2025-06-19T11:00", false)
                .rated("2025-06-20T10:00", 1);
    }

    public static History dossier0007() {
        return History.of(DEPARTMENT + "-250603-0007")
                .received("2025-06-03T16:45", DEPARTMENT, "1.001612", Channel.POSTAL, t("2025-06-06T16:45"), false, false, false)
                .event(EventType.WITHDRAWN, "2025-06-04T09:00");
    }

    public static History dossier0009() {
        return History.of(DEPARTMENT + "-250603-0009")
                .event(EventType.SUBMITTED, "2025-06-03T20:00")
                .event(EventType.NOT_ACCEPTED, "2025-06-04T08:10");
    }

    public static List<DossierState> all() {
        return List.of(dossier0001().evaluate(), dossier0042().evaluate(), dossier0007().evaluate(),
                dossier0009().evaluate());
    }
}
