package vn.ioc.ingest.simulator;

import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.catalog.CalendarDay;
import vn.ioc.domain.catalog.CalendarDayKind;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.Procedure;
import vn.ioc.domain.catalog.Unit;
import vn.ioc.domain.catalog.UnitLevel;
import vn.ioc.domain.event.Channel;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A simulated province: dossiers arrive at the units of the catalog during office hours (more on
 * Mondays, fewer on Fridays, none on days off; online submissions at any hour), and each one lives
 * out its procedure: fees and payments, supplements, transfers, withdrawals, completion mostly before
 * the due date and sometimes after it (with an apology), return of the result and a rating.
 *
 * <p>Deterministic: every simulated minute draws from its own generator seeded by (seed, minute), so
 * the same seed always gives the same events with the same ids, and a restart can regenerate the
 * recent past and continue where it stopped.
 */
public final class ProvinceSimulator {

    /** How long a dossier can live; a resume regenerates this much of the past. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(75);

    /** Dossier numbers are minute-of-day x 50 + index, unique per unit and day. */
    private static final int MAX_ARRIVALS_PER_MINUTE = 50;

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private final long seed;
    private final double dossiersPerWorkingDay;
    private final WorkingCalendar calendar;
    private final Catalogs catalogs;
    private final List<Procedure> procedures;
    private final PriorityQueue<DossierEvent> pending =
            new PriorityQueue<>(Comparator.comparing(DossierEvent::at).thenComparing(DossierEvent::eventId));
    private final Map<String, List<Unit>> unitsByLevelAndDay = new HashMap<>();
    private final List<LocalDate> tetHolidayStarts;
    private long generatedUpToMinute; // epoch minute, exclusive
    private Instant emittedUpTo;

    /**
     * @param emitFrom events before this instant are generated (to rebuild dossiers in flight) but
     *                 not returned: pass the start for a fresh run, the saved clock for a resume
     */
    public ProvinceSimulator(Catalogs catalogs, long seed, double dossiersPerWorkingDay, Instant emitFrom) {
        this.seed = seed;
        this.dossiersPerWorkingDay = dossiersPerWorkingDay;
        this.catalogs = catalogs;
        this.calendar = new WorkingCalendar(catalogs.calendarDays());
        this.procedures = List.copyOf(catalogs.procedures().all());
        // The first day of each year's Tết Nguyên đán holiday in the calendar.
        this.tetHolidayStarts = catalogs.calendarDays().stream()
                .filter(d -> d.kind() == CalendarDayKind.HOLIDAY && d.name() != null && d.name().contains("Nguyên đán"))
                .collect(java.util.stream.Collectors.groupingBy(d -> d.date().getYear(),
                        java.util.stream.Collectors.mapping(CalendarDay::date, java.util.stream.Collectors.minBy(LocalDate::compareTo))))
                .values().stream().flatMap(java.util.Optional::stream).sorted().toList();
        this.generatedUpToMinute = emitFrom.minus(MAX_LIFETIME).getEpochSecond() / 60;
        this.emittedUpTo = emitFrom;
    }

    /**
     * An online dossier is submitted up to this long before it is received: arrivals are generated
     * this far ahead, so that every event before "now" exists when "now" is reached.
     */
    private static final long LOOKAHEAD_MINUTES = 17 * 60;

    /** The events with {@code at} in [previous call's time, now), in time order. */
    public List<DossierEvent> advanceTo(Instant now) {
        long horizon = now.getEpochSecond() / 60 + LOOKAHEAD_MINUTES;
        while (generatedUpToMinute < horizon) {
            generateMinute(generatedUpToMinute++);
        }
        List<DossierEvent> out = new ArrayList<>();
        while (!pending.isEmpty() && pending.peek().at().isBefore(now)) {
            DossierEvent e = pending.poll();
            if (!e.at().isBefore(emittedUpTo)) {
                out.add(e);
            }
        }
        if (now.isAfter(emittedUpTo)) {
            emittedUpTo = now;
        }
        return out;
    }

    /** Dossiers generated but with events still to come. */
    public int pendingEvents() {
        return pending.size();
    }

    private void generateMinute(long epochMinute) {
        Instant start = Instant.ofEpochSecond(epochMinute * 60);
        ZonedDateTime local = start.atZone(WorkingCalendar.ZONE);
        LocalDate day = local.toLocalDate();
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epochMinute);
        double expected = expectedArrivals(day, local.toLocalTime());
        int arrivals = Math.min(poisson(rnd, expected), MAX_ARRIVALS_PER_MINUTE);
        for (int i = 0; i < arrivals; i++) {
            Instant at = start.plusSeconds(rnd.nextInt(60));
            newDossier(rnd, at, local.toLocalTime(), i);
        }
    }

    /** Office-hour arrivals follow the working windows, with a mid-morning peak and weekday rhythm. */
    private double expectedArrivals(LocalDate day, LocalTime time) {
        if (!calendar.isWorkingDay(day)) {
            return 0;
        }
        double hourShape;
        if (time.isBefore(LocalTime.of(7, 0)) || time.isAfter(LocalTime.of(16, 59))
                || (!time.isBefore(LocalTime.of(11, 30)) && time.isBefore(LocalTime.of(13, 30)))) {
            return 0;
        }
        hourShape = time.isBefore(LocalTime.of(11, 30))
                ? (time.getHour() >= 8 && time.getHour() < 10 ? 1.35 : 1.0)
                : (time.getHour() >= 16 ? 0.6 : 0.9);
        double weekday = switch (day.getDayOfWeek()) {
            case MONDAY -> 1.3;
            case FRIDAY -> 0.85;
            case SATURDAY, SUNDAY -> 0.5; // a swapped working weekend day is quieter
            default -> 1.0;
        };
        double workingMinutes = 8 * 60;
        return dossiersPerWorkingDay / workingMinutes * hourShape * weekday * tetFactor(day);
    }

    /**
     * The Tết slump: in the week before the Lunar New Year holiday people put off their procedures,
     * and the first two weeks after it start slowly. The holiday is read from the calendar catalog.
     */
    private double tetFactor(LocalDate day) {
        for (LocalDate tet : tetHolidayStarts) {
            long daysFromStart = java.time.temporal.ChronoUnit.DAYS.between(tet, day);
            if (daysFromStart >= -7 && daysFromStart < 0) {
                return 0.6;
            }
            if (daysFromStart >= 0 && daysFromStart <= 24) {
                return 0.5 + 0.5 * daysFromStart / 24.0;
            }
        }
        return 1.0;
    }

    private void newDossier(SplittableRandom rnd, Instant receivedAt, LocalTime localTime, int indexInMinute) {
        LocalDate day = receivedAt.atZone(WorkingCalendar.ZONE).toLocalDate();
        Unit unit = pickUnit(rnd, day);
        if (unit == null) {
            return;
        }
        Procedure procedure = procedures.get(rnd.nextInt(procedures.size()));
        // Online share grows over time and is higher at departments than at communes.
        double onlineShare = Math.min(0.75, (unit.level() == UnitLevel.DEPARTMENT ? 0.45 : 0.30)
                + 0.01 * (day.getYear() - 2025) * 12 + 0.01 * day.getMonthValue() / 2.0);
        double r = rnd.nextDouble();
        Channel channel = r < onlineShare ? Channel.ONLINE : r < onlineShare + 0.05 ? Channel.POSTAL : Channel.COUNTER;
        int seq = (localTime.getHour() * 60 + localTime.getMinute()) * MAX_ARRIVALS_PER_MINUTE + indexInMinute;
        String dossierId = unit.code() + "-" + YYMMDD.format(day) + "-" + String.format("%05d", seq);
        EventIds ids = new EventIds("sim-" + seed + "-" + dossierId);

        if (channel == Channel.ONLINE) {
            Instant submitted = receivedAt.minus(Duration.ofMinutes(10 + rnd.nextInt(16 * 60)));
            add(ids, dossierId, EventType.SUBMITTED, submitted, unit.code(), e -> e);
            if (rnd.nextDouble() < 0.02) {
                add(ids, dossierId, EventType.NOT_ACCEPTED, receivedAt, unit.code(), e -> e);
                return;
            }
        }
        Instant due = calendar.dueAfter(receivedAt, procedure.statutoryWorkingDays());
        boolean fee = procedure.feeRequired();
        boolean digitized = rnd.nextDouble() < 0.7;
        boolean reused = digitized && rnd.nextDouble() < 0.4;
        add(ids, dossierId, EventType.RECEIVED, receivedAt, unit.code(),
                e -> e.withReception(procedure.code(), channel, null, fee, digitized, reused));

        Duration allowed = Duration.between(receivedAt, due);
        String actingUnit = unit.code();
        if (unit.level() == UnitLevel.COMMUNE && rnd.nextDouble() < 0.06) {
            Unit department = pickLevel(rnd, day, UnitLevel.DEPARTMENT);
            if (department != null) {
                Instant transferAt = receivedAt.plus(scale(allowed, 0.1));
                add(ids, dossierId, EventType.TRANSFERRED, transferAt, unit.code(), e -> e.withToUnitCode(department.code()));
                actingUnit = department.code();
            }
        }
        if (fee) {
            Instant requested = receivedAt.plus(Duration.ofMinutes(5 + rnd.nextInt(120)));
            add(ids, dossierId, EventType.FEE_REQUESTED, requested, actingUnit, e -> e);
            boolean online = channel == Channel.ONLINE ? rnd.nextDouble() < 0.75 : rnd.nextDouble() < 0.15;
            add(ids, dossierId, EventType.PAID, requested.plus(Duration.ofMinutes(10 + rnd.nextInt(600))), actingUnit,
                    e -> e.withOnline(online));
        }
        if (rnd.nextDouble() < 0.02) {
            add(ids, dossierId, EventType.WITHDRAWN, receivedAt.plus(scale(allowed, rnd.nextDouble() * 0.8)), actingUnit, e -> e);
            return;
        }
        Duration paused = Duration.ZERO;
        int supplements = rnd.nextDouble() < 0.12 ? (rnd.nextDouble() < 0.1 ? 2 : 1) : 0;
        Instant cursor = receivedAt;
        for (int s = 0; s < supplements; s++) {
            Instant requested = cursor.plus(scale(allowed, 0.15 + rnd.nextDouble() * 0.2));
            Duration pause = Duration.ofHours(20 + rnd.nextInt(5 * 24));
            add(ids, dossierId, EventType.SUPPLEMENT_REQUESTED, requested, actingUnit, e -> e);
            add(ids, dossierId, EventType.SUPPLEMENT_RECEIVED, requested.plus(pause), unit.code(), e -> e);
            paused = paused.plus(pause);
            cursor = requested.plus(pause);
        }
        if (rnd.nextDouble() < 0.01) {
            add(ids, dossierId, EventType.STOPPED, cursor.plus(scale(allowed, 0.3)), actingUnit, e -> e);
            return;
        }
        // Most dossiers are finished early; some on the due day; a few late (more with supplements).
        double outcome = rnd.nextDouble();
        double lateShare = 0.04 + 0.06 * supplements;
        Instant effectiveDue = due.plus(paused);
        Instant end;
        boolean late = false;
        if (outcome < lateShare) {
            late = true;
            end = effectiveDue.plus(Duration.ofHours(18 + rnd.nextInt(96)));
            Instant apology = effectiveDue.minus(Duration.ofHours(2 + rnd.nextInt(20)));
            if (rnd.nextDouble() < 0.8) {
                Instant newDue = end.plus(Duration.ofHours(rnd.nextInt(24)));
                add(ids, dossierId, EventType.APOLOGY_ISSUED, apology, actingUnit, e -> e.withNewDueAt(newDue));
            }
        } else if (outcome < lateShare + 0.18) {
            end = effectiveDue.minus(Duration.ofMinutes(30 + rnd.nextInt(4 * 60)));
        } else {
            end = receivedAt.plus(paused).plus(scale(allowed, 0.25 + rnd.nextDouble() * 0.6));
        }
        if (!end.isAfter(cursor)) {
            end = cursor.plus(Duration.ofMinutes(30));
        }
        boolean electronic = rnd.nextDouble() < (channel == Channel.ONLINE ? 0.6 : 0.25);
        Instant completed = end;
        add(ids, dossierId, EventType.COMPLETED, completed, actingUnit, e -> e.withElectronicResult(electronic));
        Instant returned = completed.plus(Duration.ofHours(1 + rnd.nextInt(48)));
        add(ids, dossierId, EventType.RETURNED, returned, actingUnit, e -> e.withByPost(channel == Channel.POSTAL));
        if (rnd.nextDouble() < 0.35) {
            double x = rnd.nextDouble();
            int rating = late ? (x < 0.45 ? 1 : x < 0.85 ? 2 : 3) : (x < 0.03 ? 1 : x < 0.45 ? 2 : 3);
            add(ids, dossierId, EventType.RATED, returned.plus(Duration.ofHours(1 + rnd.nextInt(72))), unit.code(),
                    e -> e.withRating(rating));
        }
    }

    private Unit pickUnit(SplittableRandom rnd, LocalDate day) {
        // Departments take about 40% of dossiers, communes the rest.
        return pickLevel(rnd, day, rnd.nextDouble() < 0.4 ? UnitLevel.DEPARTMENT : UnitLevel.COMMUNE);
    }

    private Unit pickLevel(SplittableRandom rnd, LocalDate day, UnitLevel level) {
        List<Unit> candidates = unitsByLevelAndDay.computeIfAbsent(level + "|" + day, k -> {
            List<Unit> valid = new ArrayList<>();
            for (Unit u : catalogs.units().all()) {
                if (u.level() == level && u.isValidOn(day)) {
                    valid.add(u);
                }
            }
            return valid;
        });
        return candidates.isEmpty() ? null : candidates.get(rnd.nextInt(candidates.size()));
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofSeconds((long) (d.getSeconds() * factor));
    }

    private static int poisson(SplittableRandom rnd, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private interface Detail {
        DossierEvent apply(DossierEvent base);
    }

    private void add(EventIds ids, String dossierId, EventType type, Instant at, String unitCode, Detail detail) {
        pending.add(detail.apply(DossierEvent.of(ids.next(), dossierId, type, at, unitCode)));
    }

    /** Event ids derived from the dossier, so a regenerated dossier has the same ids. */
    private static final class EventIds {
        private final String prefix;
        private int n;

        EventIds(String prefix) {
            this.prefix = prefix;
        }

        String next() {
            return prefix + "-" + (++n);
        }
    }
}
