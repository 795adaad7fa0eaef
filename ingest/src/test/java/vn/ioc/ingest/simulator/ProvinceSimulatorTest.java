package vn.ioc.ingest.simulator;

import org.junit.jupiter.api.Test;
import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventJson;
import vn.ioc.domain.event.EventType;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.domain.event.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ProvinceSimulatorTest {

    private static final Catalogs CATALOGS = Catalogs.loadDefault();
    private static final Instant START = WorkingCalendar.startOfDay(LocalDate.of(2026, 3, 2)); // a Monday

    private static List<DossierEvent> run(long seed, Instant from, Instant to) {
        ProvinceSimulator sim = new ProvinceSimulator(CATALOGS, seed, 2000, from);
        List<DossierEvent> out = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofHours(3))) {
            Instant next = t.plus(Duration.ofHours(3));
            out.addAll(sim.advanceTo(next.isAfter(to) ? to : next));
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameEvents() {
        List<DossierEvent> a = run(7, START, START.plus(Duration.ofDays(2)));
        List<DossierEvent> b = run(7, START, START.plus(Duration.ofDays(2)));
        List<DossierEvent> c = run(8, START, START.plus(Duration.ofDays(2)));
        assertThat(a).isNotEmpty().isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void everyEventKeepsTheContractAndComesInTimeOrder() {
        List<DossierEvent> events = run(1, START, START.plus(Duration.ofDays(7)));
        EventValidator validator = new EventValidator(CATALOGS);
        for (DossierEvent e : events) {
            Verdict v = validator.validate(EventJson.toJson(e));
            assertThat(v.rejections()).as(EventJson.toJson(e)).isEmpty();
        }
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).at()).isAfterOrEqualTo(events.get(i - 1).at());
        }
        assertThat(events.stream().map(DossierEvent::eventId).distinct().count()).isEqualTo(events.size());
        Map<EventType, Long> byType = events.stream().collect(Collectors.groupingBy(DossierEvent::type, Collectors.counting()));
        assertThat(byType.get(EventType.RECEIVED)).isGreaterThan(5_000); // ~2000 a working day, 5 working days
        assertThat(byType).containsKeys(EventType.COMPLETED, EventType.RATED, EventType.PAID, EventType.SUPPLEMENT_REQUESTED);
    }

    @Test
    void noCounterDossierIsReceivedOnASundayOrAtNight() {
        List<DossierEvent> events = run(3, START, START.plus(Duration.ofDays(7)));
        for (DossierEvent e : events) {
            if (e.type() == EventType.RECEIVED) {
                var local = e.at().atZone(WorkingCalendar.ZONE);
                assertThat(local.getDayOfWeek().getValue()).as(e.toString()).isLessThanOrEqualTo(5);
                assertThat(local.getHour()).isBetween(7, 16);
            }
        }
    }

    @Test
    void fewerDossiersArriveAroundTet() {
        // Tết 2026: holiday 14 to 22 Feb. A normal fortnight in March against the fortnight after Tết.
        Instant march = WorkingCalendar.startOfDay(LocalDate.of(2026, 3, 9));
        Instant afterTet = WorkingCalendar.startOfDay(LocalDate.of(2026, 2, 23));
        long normal = run(4, march, march.plus(Duration.ofDays(14))).stream().filter(e -> e.type() == EventType.RECEIVED).count();
        long slump = run(4, afterTet, afterTet.plus(Duration.ofDays(14))).stream().filter(e -> e.type() == EventType.RECEIVED).count();
        assertThat(slump).isLessThan(normal * 85 / 100);
    }

    @Test
    void aResumedSimulatorContinuesWithTheSameEvents() {
        Instant cut = START.plus(Duration.ofDays(3)).plus(Duration.ofHours(10));
        Instant end = START.plus(Duration.ofDays(6));
        List<DossierEvent> whole = run(5, START, end);
        List<DossierEvent> resumed = run(5, cut, end);
        List<DossierEvent> wholeAfterCut = whole.stream().filter(e -> !e.at().isBefore(cut)).toList();
        assertThat(resumed.size()).isEqualTo(wholeAfterCut.size());
        for (int i = 0; i < resumed.size(); i++) {
            assertThat(resumed.get(i)).as("event " + i).isEqualTo(wholeAfterCut.get(i));
        }
        Map<String, DossierEvent> byId = whole.stream().collect(Collectors.toMap(DossierEvent::eventId, Function.identity()));
        assertThat(resumed).allMatch(e -> byId.containsKey(e.eventId()));
    }
}
