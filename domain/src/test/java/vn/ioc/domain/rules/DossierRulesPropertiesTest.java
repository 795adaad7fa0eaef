package vn.ioc.domain.rules;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DossierRulesPropertiesTest {

    @Property(tries = 500)
    void shufflingAndDuplicatingEventsNeverChangesTheState(@ForAll long seed) {
        Random r = new Random(seed);
        List<DossierEvent> events = RandomHistories.history(r, "D");
        List<DossierEvent> delivered = new ArrayList<>(events);
        int duplicates = r.nextInt(events.size() + 1);
        for (int i = 0; i < duplicates; i++) {
            delivered.add(events.get(r.nextInt(events.size())));
        }
        Collections.shuffle(delivered, r);

        assertThat(RandomHistories.evaluate("D", delivered)).isEqualTo(RandomHistories.evaluate("D", events));
    }

    @Property(tries = 200)
    void historyOrderIsTheSameForEveryShuffle(@ForAll long seed) {
        Random r = new Random(seed);
        List<DossierEvent> events = RandomHistories.history(r, "D");
        List<DossierEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, r);
        assertThat(DossierRules.history(shuffled)).isEqualTo(DossierRules.history(events));
    }

    /**
     * Events of different types piled onto two or three instants, and an eventId delivered again with
     * another type and time (a replay that disagrees with the first delivery): every arrival order of
     * the same deliveries gives the same state.
     */
    @Property(tries = 300)
    void tiesAndConflictingRepeatsGiveTheSameStateInEveryArrivalOrder(@ForAll long seed) {
        Random r = new Random(seed);
        List<DossierEvent> generated = RandomHistories.history(r, "D");
        if (generated.isEmpty()) {
            return;
        }
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < 2 + r.nextInt(2); i++) {
            instants.add(generated.get(r.nextInt(generated.size())).at());
        }
        List<DossierEvent> delivered = new ArrayList<>();
        for (DossierEvent e : generated) {
            delivered.add(at(e, e.type(), instants.get(r.nextInt(instants.size()))));
        }
        DossierEvent replayed = delivered.get(r.nextInt(delivered.size()));
        // Any type but RECEIVED, whose replay would need the reception fields to be valid.
        List<EventType> types = new ArrayList<>(List.of(EventType.values()));
        types.remove(EventType.RECEIVED);
        EventType otherType = types.get(r.nextInt(types.size()));
        delivered.add(at(replayed, otherType, instants.get(r.nextInt(instants.size()))));
        delivered.add(delivered.get(r.nextInt(delivered.size())));

        List<DossierEvent> once = new ArrayList<>(delivered);
        Collections.shuffle(once, r);
        List<DossierEvent> again = new ArrayList<>(delivered);
        Collections.shuffle(again, r);
        assertThat(RandomHistories.evaluate("D", again)).isEqualTo(RandomHistories.evaluate("D", once));
    }

    /**
     * "At the end of a day" means what the events that happened by then say: open and overdue at the
     * end of each day equal the status of a dossier evaluated from the events before the next
     * midnight alone. The one exception is the rule itself: a RETURNED ends a dossier only when no
     * COMPLETED or STOPPED ever comes, so one that later does is skipped here.
     */
    @Property(tries = 300)
    void statusAtTheEndOfADayIsTheStatusOfTheEventsSoFar(@ForAll long seed) {
        Random r = new Random(seed);
        List<DossierEvent> events = RandomHistories.history(r, "D");
        DossierState full = RandomHistories.evaluate("D", events);
        boolean returnedSuperseded = full.endKind() != EndKind.RETURNED
                && events.stream().anyMatch(e -> e.type() == EventType.RETURNED);
        if (!full.received() || returnedSuperseded) {
            return;
        }
        for (LocalDate day = RandomHistories.BASE.minusDays(2); day.isBefore(RandomHistories.BASE.plusDays(60));
             day = day.plusDays(1)) {
            Instant midnight = WorkingCalendar.startOfDay(day.plusDays(1));
            DossierState soFar = RandomHistories.evaluate("D",
                    events.stream().filter(e -> e.at().isBefore(midnight)).toList());
            boolean open = soFar.received() && !soFar.ended();
            boolean paused = soFar.pauses().stream().anyMatch(p -> !p.isClosed());
            boolean overdue = open && (soFar.supplementRequests() > 1
                    || !paused && day.isAfter(WorkingCalendar.localDate(soFar.effectiveDueAt())));
            assertThat(full.isOpenAtEndOf(day)).as("open at the end of %s", day).isEqualTo(open);
            assertThat(full.isOverdueAtEndOf(day)).as("overdue at the end of %s", day).isEqualTo(overdue);
        }
    }

    /**
     * The class is settled at the end: evaluating the history up to and including the end event gives
     * the same class, effective due and processing time (so requests, pauses and supplements after the
     * end change nothing). Ends dated before the receipt are left out: a prefix would lose the receipt.
     */
    @Property(tries = 500)
    void eventsAfterTheEndDoNotChangeTheClass(@ForAll long seed) {
        Random r = new Random(seed);
        List<DossierEvent> events = RandomHistories.history(r, "D");
        DossierState full = RandomHistories.evaluate("D", events);
        if (!full.ended() || full.endAt().isBefore(full.receivedAt())) {
            return;
        }
        List<DossierEvent> history = DossierRules.history(events);
        int endIndex = 0;
        while (!(history.get(endIndex).at().equals(full.endAt())
                && history.get(endIndex).type().name().equals(full.endKind().name()))) {
            endIndex++;
        }
        DossierState byTheEnd = RandomHistories.evaluate("D", history.subList(0, endIndex + 1));
        if (full.endKind() == EndKind.WITHDRAWN
                && history.subList(0, endIndex).stream().anyMatch(e -> e.type() == EventType.RETURNED)) {
            // Cut at the withdrawal, the history loses the later COMPLETED or STOPPED that kept an earlier
            // RETURNED from ending it.
            return;
        }
        assertThat(byTheEnd.endAt()).isEqualTo(full.endAt());
        assertThat(byTheEnd.timeliness()).isEqualTo(full.timeliness());
        assertThat(byTheEnd.effectiveDueAt()).isEqualTo(full.effectiveDueAt());
        assertThat(byTheEnd.processingWorkingSeconds()).isEqualTo(full.processingWorkingSeconds());
    }

    private static DossierEvent at(DossierEvent e, EventType type, Instant at) {
        return new DossierEvent(e.eventId(), e.dossierId(), type, at, e.unitCode(), e.procedureCode(), e.channel(),
                e.dueAt(), e.feeRequired(), e.digitized(), e.reusedData(), e.toUnitCode(), e.online(), e.newDueAt(),
                e.electronicResult(), e.byPost(), e.rating());
    }
}
