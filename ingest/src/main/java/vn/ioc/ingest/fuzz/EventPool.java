package vn.ioc.ingest.fuzz;

import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventType;
import vn.ioc.ingest.simulator.ProvinceSimulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Simulated events split by dossier into two streams: valid events, sent as they are, and spare
 * ones, only ever sent broken. All the events of a dossier go to the same side, so a valid dossier
 * arrives whole and a broken item never carries the id of a valid event. The simulator is advanced a
 * day at a time as the streams run dry, so a long corpus costs no more memory than a short one.
 */
final class EventPool {

    /** A pool that has simulated this long without finding what was asked for is misconfigured. */
    private static final int MAX_DAYS = 400;

    private final ProvinceSimulator simulator;
    private final long seed;
    private final ArrayDeque<DossierEvent> valid = new ArrayDeque<>();
    private final ArrayDeque<DossierEvent> spare = new ArrayDeque<>();
    private Instant simulatedUpTo;
    private int daysSimulated;

    EventPool(Catalogs catalogs, long seed, double dossiersPerWorkingDay, LocalDate firstDay) {
        this.seed = seed;
        this.simulatedUpTo = WorkingCalendar.startOfDay(firstDay);
        this.simulator = new ProvinceSimulator(catalogs, seed, dossiersPerWorkingDay, simulatedUpTo);
    }

    DossierEvent nextValid() {
        while (valid.isEmpty()) {
            simulateOneMoreDay();
        }
        return valid.poll();
    }

    DossierEvent nextSpare() {
        while (spare.isEmpty()) {
            simulateOneMoreDay();
        }
        return spare.poll();
    }

    /** The next spare event of {@code type} (the others stay in the stream, in their order). */
    DossierEvent nextSpare(EventType type) {
        while (true) {
            for (Iterator<DossierEvent> it = spare.iterator(); it.hasNext(); ) {
                DossierEvent e = it.next();
                if (e.type() == type) {
                    it.remove();
                    return e;
                }
            }
            simulateOneMoreDay();
        }
    }

    private void simulateOneMoreDay() {
        if (++daysSimulated > MAX_DAYS) {
            throw new NoSuchElementException("the simulator gave too few events in " + MAX_DAYS + " days");
        }
        simulatedUpTo = simulatedUpTo.plus(Duration.ofDays(1));
        for (DossierEvent e : simulator.advanceTo(simulatedUpTo)) {
            (isValidDossier(e.dossierId()) ? valid : spare).add(e);
        }
    }

    private boolean isValidDossier(String dossierId) {
        return new SplittableRandom(seed * 31 + dossierId.hashCode()).nextBoolean();
    }
}
