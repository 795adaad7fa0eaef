package vn.ioc.domain.alerts;

import org.junit.jupiter.api.Test;
import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.event.Channel;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventType;
import vn.ioc.domain.rules.DossierRules;
import vn.ioc.domain.rules.DossierState;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-worked alert episodes. The dossier is received Monday 2 March 2026 08:00 (no holiday that
 * week) for a 2-working-day procedure: due Wednesday 4 March 08:00; at risk from Tuesday 08:00
 * (one working day before); overdue from Thursday 00:00 (the day after the due's date).
 */
class DossierAlertsTest {

    private static final WorkingCalendar CALENDAR = new WorkingCalendar(List.of());
    private static final String ID = "000.00.12.H23-260302-0001";

    private static Instant t(String local) {
        return OffsetDateTime.parse(local + "+07:00").toInstant();
    }

    private final List<DossierEvent> events = new ArrayList<>();
    private int n;

    private DossierAlertsTest event(EventType type, String at) {
        DossierEvent e = DossierEvent.of("e" + (++n), ID, type, t(at), "000.00.12.H23");
        if (type == EventType.RECEIVED) {
            e = e.withReception("1.001612", Channel.COUNTER, null, false, false, false);
        }
        events.add(e);
        return this;
    }

    private List<AlertEpisode> episodes() {
        DossierState s = DossierRules.evaluate(ID, events, code -> 2, CALENDAR);
        return DossierAlerts.episodes(s, CALENDAR);
    }

    private static AlertEpisode of(List<AlertEpisode> all, AlertKind kind) {
        return all.stream().filter(e -> e.kind() == kind).findFirst().orElseThrow(() -> new AssertionError("no " + kind));
    }

    @Test
    void anOpenDossierIsAtRiskThenOverdueAndLateWithoutApology() {
        List<AlertEpisode> all = event(EventType.RECEIVED, "2026-03-02T08:00:00").episodes();
        assertThat(all).extracting(AlertEpisode::kind)
                .containsExactlyInAnyOrder(AlertKind.AT_RISK, AlertKind.OVERDUE, AlertKind.LATE_WITHOUT_APOLOGY);
        AlertEpisode risk = of(all, AlertKind.AT_RISK);
        assertThat(risk.raisedAt()).isEqualTo(t("2026-03-03T08:00:00"));
        assertThat(risk.resolvedAt()).isEqualTo(t("2026-03-05T00:00:00"));
        assertThat(risk.dueAt()).isEqualTo(t("2026-03-04T08:00:00"));
        AlertEpisode overdue = of(all, AlertKind.OVERDUE);
        assertThat(overdue.raisedAt()).isEqualTo(t("2026-03-05T00:00:00"));
        assertThat(overdue.resolvedAt()).isNull();
        // Still the due day at 23:59 local (16:59 UTC): not overdue yet.
        assertThat(overdue.activeAt(t("2026-03-04T23:59:00"))).isFalse();
        assertThat(overdue.activeAt(t("2026-03-05T00:00:00"))).isTrue();
        assertThat(of(all, AlertKind.LATE_WITHOUT_APOLOGY).raisedAt()).isEqualTo(t("2026-03-05T00:00:00"));
    }

    @Test
    void completionBeforeTheDueResolvesTheRisk() {
        List<AlertEpisode> all = event(EventType.RECEIVED, "2026-03-02T08:00:00")
                .event(EventType.COMPLETED, "2026-03-04T07:00:00").episodes();
        assertThat(all).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AlertKind.AT_RISK);
            assertThat(e.resolvedAt()).isEqualTo(t("2026-03-04T07:00:00"));
        });
    }

    @Test
    void aPauseStopsTheRiskAndMovesTheDue() {
        // Paused Tue 09:00 to Fri 09:00 (3 days): effective due Sat 7 March 08:00, at risk again
        // from Fri 08:00 (the working day before), i.e. as soon as the pause closes; overdue from Sun 00:00.
        List<AlertEpisode> all = event(EventType.RECEIVED, "2026-03-02T08:00:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2026-03-03T09:00:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2026-03-06T09:00:00").episodes();
        List<AlertEpisode> risks = all.stream().filter(e -> e.kind() == AlertKind.AT_RISK).toList();
        assertThat(risks).hasSize(2);
        assertThat(risks.get(0).raisedAt()).isEqualTo(t("2026-03-03T08:00:00"));
        assertThat(risks.get(0).resolvedAt()).isEqualTo(t("2026-03-03T09:00:00"));
        assertThat(risks.get(1).raisedAt()).isEqualTo(t("2026-03-06T09:00:00"));
        assertThat(risks.get(1).dueAt()).isEqualTo(t("2026-03-07T08:00:00"));
        assertThat(of(all, AlertKind.OVERDUE).raisedAt()).isEqualTo(t("2026-03-08T00:00:00"));
    }

    @Test
    void aSecondSupplementRequestMakesItOverdueAtOnce() {
        List<AlertEpisode> all = event(EventType.RECEIVED, "2026-03-02T08:00:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2026-03-02T09:00:00")
                .event(EventType.SUPPLEMENT_RECEIVED, "2026-03-02T10:00:00")
                .event(EventType.SUPPLEMENT_REQUESTED, "2026-03-02T11:00:00")
                .event(EventType.APOLOGY_ISSUED, "2026-03-02T15:00:00")
                .episodes();
        assertThat(of(all, AlertKind.MULTIPLE_SUPPLEMENTS).raisedAt()).isEqualTo(t("2026-03-02T11:00:00"));
        assertThat(of(all, AlertKind.OVERDUE).raisedAt()).isEqualTo(t("2026-03-02T11:00:00"));
        AlertEpisode noApology = of(all, AlertKind.LATE_WITHOUT_APOLOGY);
        assertThat(noApology.resolvedAt()).isEqualTo(t("2026-03-02T15:00:00"));
    }

    @Test
    void aCompletionStampedExactlyAtTheDueIsFlagged() {
        List<AlertEpisode> all = event(EventType.RECEIVED, "2026-03-02T08:00:00")
                .event(EventType.COMPLETED, "2026-03-04T08:00:00").episodes();
        assertThat(of(all, AlertKind.CLOSED_AT_DUE).raisedAt()).isEqualTo(t("2026-03-04T08:00:00"));
        List<AlertEpisode> oneSecondEarlier = new DossierAlertsTest()
                .event(EventType.RECEIVED, "2026-03-02T08:00:00")
                .event(EventType.COMPLETED, "2026-03-04T07:59:59").episodes();
        assertThat(oneSecondEarlier).extracting(AlertEpisode::kind).doesNotContain(AlertKind.CLOSED_AT_DUE);
    }

    @Test
    void riskSkipsTheWeekend() {
        // Received Thu 5 March 10:00, due Mon 9 March 10:00: at risk from Fri 6 March 10:00.
        List<AlertEpisode> all = event(EventType.RECEIVED, "2026-03-05T10:00:00").episodes();
        assertThat(of(all, AlertKind.AT_RISK).raisedAt()).isEqualTo(t("2026-03-06T10:00:00"));
    }

    @Test
    void aDossierNeverReceivedRaisesNothing() {
        assertThat(event(EventType.SUBMITTED, "2026-03-02T08:00:00").episodes()).isEmpty();
    }
}
