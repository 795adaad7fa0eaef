package vn.ioc.ingest.simulator;

import org.junit.jupiter.api.Test;
import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.UnitLevel;
import vn.ioc.domain.event.DossierEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DisorderedFeedTest {

    private static final Catalogs CATALOGS = Catalogs.loadDefault();
    private static final Instant START = WorkingCalendar.startOfDay(LocalDate.of(2026, 3, 2)); // a Monday
    private static final List<DossierEvent> EVENTS = simulate(START, START.plus(Duration.ofDays(3)));

    private static List<DossierEvent> simulate(Instant from, Instant to) {
        ProvinceSimulator sim = new ProvinceSimulator(CATALOGS, 11, 1500, from);
        return sim.advanceTo(to);
    }

    /** An event as it left the feed, with the simulated time of the call that released it. */
    private record Released(DossierEvent event, Instant at) {
    }

    /** Runs the events through the feed in steps of {@code step}, then drains it at {@code end}. */
    private static List<Released> run(DisorderedFeed.Options options, Duration step, Instant end) {
        DisorderedFeed feed = new DisorderedFeed(options);
        List<Released> out = new ArrayList<>();
        int i = 0;
        for (Instant prev = START; prev.isBefore(end); prev = prev.plus(step)) {
            Instant now = prev.plus(step).isAfter(end) ? end : prev.plus(step);
            List<DossierEvent> generated = new ArrayList<>();
            while (i < EVENTS.size() && EVENTS.get(i).at().isBefore(now)) {
                generated.add(EVENTS.get(i++));
            }
            for (DossierEvent e : feed.next(generated, now)) {
                out.add(new Released(e, now));
            }
        }
        assertThat(i).isEqualTo(EVENTS.size());
        for (DossierEvent e : feed.drain()) {
            out.add(new Released(e, Instant.MAX));
        }
        return out;
    }

    private static Map<DossierEvent, Long> multiset(List<DossierEvent> events) {
        return events.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void withoutOptionsTheFeedChangesNothing() {
        List<Released> out = run(DisorderedFeed.Options.none(), Duration.ofMinutes(7), START.plus(Duration.ofDays(3)));
        assertThat(out.stream().map(Released::event).toList()).isEqualTo(EVENTS);
    }

    @Test
    void shufflingKeepsEveryEventOnceAndDelaysNoneBeyondTheWindow() {
        Duration window = Duration.ofMinutes(30);
        List<Released> out = run(new DisorderedFeed.Options(window, 0, null, 5), Duration.ofMinutes(1), START.plus(Duration.ofDays(3)));
        assertThat(multiset(out.stream().map(Released::event).toList())).isEqualTo(multiset(EVENTS));
        for (Released r : out.stream().filter(r -> !r.at().equals(Instant.MAX)).toList()) {
            // released at the first step at or after at + delay, delay < window
            assertThat(r.at()).isBefore(r.event().at().plus(window).plus(Duration.ofMinutes(1)));
        }
        int inversions = 0;
        for (int k = 1; k < out.size(); k++) {
            if (out.get(k).event().at().isBefore(out.get(k - 1).event().at())) {
                inversions++;
            }
        }
        assertThat(inversions).as("events really arrive out of order").isGreaterThan(EVENTS.size() / 10);
    }

    @Test
    void duplicatesAreExtraCopiesOfInputEventsAtAboutTheRate() {
        List<Released> out = run(new DisorderedFeed.Options(Duration.ofMinutes(10), 0.05, null, 9), Duration.ofMinutes(5),
                START.plus(Duration.ofDays(3)));
        Map<DossierEvent, Long> counts = multiset(out.stream().map(Released::event).toList());
        assertThat(counts.keySet()).isEqualTo(multiset(EVENTS).keySet());
        assertThat(counts.values()).allMatch(n -> n == 1 || n == 2);
        long twice = counts.values().stream().filter(n -> n == 2).count();
        assertThat((double) twice / EVENTS.size()).isBetween(0.04, 0.06);
        assertThat(out).hasSize(EVENTS.size() + (int) twice);
    }

    @Test
    void theSameSeedGivesTheSameFeedHoweverTheStepsAreCut() {
        DisorderedFeed.Options options = new DisorderedFeed.Options(Duration.ofMinutes(20), 0.1, null, 77);
        Instant end = START.plus(Duration.ofDays(3));
        List<DossierEvent> a = run(options, Duration.ofMinutes(1), end).stream().map(Released::event).toList();
        List<DossierEvent> b = run(options, Duration.ofMinutes(13), end).stream().map(Released::event).toList();
        List<DossierEvent> c = run(new DisorderedFeed.Options(Duration.ofMinutes(20), 0.1, null, 78), Duration.ofMinutes(1), end)
                .stream().map(Released::event).toList();
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void anOfflineCommuneSendsNothingDuringTheOutageThenEverythingInABurst() {
        String commune = busiestCommune();
        Instant from = START.plus(Duration.ofHours(8 + 24)); // Tuesday 08:00 local
        Duration length = Duration.ofHours(20);
        Instant until = from.plus(length);
        DisorderedFeed.Options options = new DisorderedFeed.Options(Duration.ofMinutes(5), 0.02,
                new DisorderedFeed.Outage(commune, from, length), 3);
        List<Released> out = run(options, Duration.ofMinutes(10), START.plus(Duration.ofDays(3)));

        List<Released> held = out.stream().filter(r -> r.event().unitCode().equals(commune)
                && !r.event().at().isBefore(from) && r.event().at().isBefore(until)).toList();
        long heldInInput = EVENTS.stream().filter(e -> e.unitCode().equals(commune)
                && !e.at().isBefore(from) && e.at().isBefore(until)).count();
        assertThat(heldInInput).as("the commune is busy during the outage").isGreaterThan(10);
        assertThat(held.stream().map(Released::event).distinct().count()).isEqualTo(heldInInput);
        assertThat(held).allMatch(r -> !r.at().isBefore(until));
        // nothing from the commune leaves during the outage
        assertThat(out).noneMatch(r -> r.event().unitCode().equals(commune) && !r.at().isBefore(from.plus(Duration.ofMinutes(10)))
                && r.at().isBefore(until));
        // the burst: the originals leave at the first step after the link comes back
        Instant firstStepAfter = held.stream().map(Released::at).min(Instant::compareTo).orElseThrow();
        assertThat(firstStepAfter).isBefore(until.plus(Duration.ofMinutes(10)));
        // and the whole input is still there, plus duplicates
        assertThat(multiset(out.stream().map(Released::event).toList()).keySet()).isEqualTo(multiset(EVENTS).keySet());
    }

    @Test
    void randomOptionsNeverLoseOrInventAnEvent() {
        SplittableRandom rnd = new SplittableRandom(2024);
        for (int run = 0; run < 15; run++) {
            Duration window = Duration.ofSeconds(rnd.nextInt(0, 7200));
            double rate = rnd.nextDouble() * 0.3;
            DisorderedFeed.Outage outage = rnd.nextBoolean() ? null : new DisorderedFeed.Outage(busiestCommune(),
                    START.plus(Duration.ofMinutes(rnd.nextInt(0, 3 * 24 * 60))), Duration.ofMinutes(rnd.nextInt(1, 48 * 60)));
            DisorderedFeed.Options options = new DisorderedFeed.Options(window, rate, outage, rnd.nextLong());
            List<DossierEvent> out = run(options, Duration.ofMinutes(rnd.nextInt(1, 120)), START.plus(Duration.ofDays(3)))
                    .stream().map(Released::event).toList();
            Map<DossierEvent, Long> counts = multiset(out);
            assertThat(counts.keySet()).as(options.toString()).isEqualTo(multiset(EVENTS).keySet());
            assertThat(counts.values()).allMatch(n -> n <= 2);
        }
    }

    private static String busiestCommune() {
        Map<String, Long> byUnit = new HashMap<>();
        for (DossierEvent e : EVENTS) {
            byUnit.merge(e.unitCode(), 1L, Long::sum);
        }
        return byUnit.entrySet().stream()
                .filter(e -> CATALOGS.units().find(e.getKey()).orElseThrow().level() == UnitLevel.COMMUNE)
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
