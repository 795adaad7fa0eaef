package vn.ioc.ingest.simulator;

import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.ingest.kafka.EventPublisher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the simulated province into Kafka. The simulated clock first catches up as fast as possible
 * from {@code --start} (default: 30 days before today) to the moment of launch, then advances at
 * {@code --speed} times real time (1 = real time, 60 = an hour a minute). With {@code --state-file}
 * the clock is saved, and a restart continues from it instead of starting over.
 *
 * <pre>
 * --bootstrap-servers H:P  --topic T  --speed N  --seed S  --start YYYY-MM-DD  --until ISO-INSTANT
 * --dossiers-per-day N  --catalog-dir DIR  --state-file FILE
 * --disorder-shuffle-window SECONDS  --duplicates RATE
 * --offline-commune CODE --offline-from ISO --offline-hours N
 * </pre>
 * The last three lines deliver the events as real systems do (see {@link DisorderedFeed}): reordered
 * within a window of simulated seconds, a share of them sent twice, and one commune offline from a
 * time ({@code 2026-03-02T08:00+07:00}, or local time in Asia/Ho_Chi_Minh without an offset) for some
 * hours, its events then sent in one burst.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = parse(args);
        Catalogs catalogs = o.containsKey("catalog-dir") ? Catalogs.load(Path.of(o.get("catalog-dir"))) : Catalogs.loadDefault();
        long seed = Long.parseLong(o.getOrDefault("seed", "42"));
        double speed = Double.parseDouble(o.getOrDefault("speed", "60"));
        double perDay = Double.parseDouble(o.getOrDefault("dossiers-per-day", "6000"));
        Instant until = o.containsKey("until") ? Instant.parse(o.get("until")) : null;
        Path stateFile = o.containsKey("state-file") ? Path.of(o.get("state-file")) : null;

        Instant launch = Instant.now();
        Instant simStart = o.containsKey("start")
                ? WorkingCalendar.startOfDay(LocalDate.parse(o.get("start")))
                : WorkingCalendar.startOfDay(LocalDate.now(WorkingCalendar.ZONE).minusDays(30));
        Instant simClock = simStart;
        Instant liveFrom = launch;
        if (stateFile != null && Files.exists(stateFile)) {
            String[] saved = Files.readString(stateFile, StandardCharsets.UTF_8).strip().split(" ");
            simClock = Instant.parse(saved[0]);
            liveFrom = simClock.isAfter(launch) ? simClock : launch;
            System.out.println("Simulator resuming at simulated time " + simClock);
        }
        ProvinceSimulator sim = new ProvinceSimulator(catalogs, seed, perDay, simClock);
        DisorderedFeed.Options disorder = disorderOptions(o, seed);
        if (disorder.outage() != null && !catalogs.units().contains(disorder.outage().unitCode())) {
            System.out.println("Warning: --offline-commune " + disorder.outage().unitCode() + " is not in the unit catalog");
        }
        DisorderedFeed feed = new DisorderedFeed(disorder);

        AtomicBoolean running = new AtomicBoolean(true);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.set(false);
            try {
                main.join(10_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "simulator-shutdown"));

        long sent = 0;
        try (EventPublisher publisher = new EventPublisher(o.getOrDefault("bootstrap-servers", "localhost:9092"),
                o.getOrDefault("topic", "dossier-events"))) {
            // Catch-up: an hour of simulated time per step, as fast as the broker takes it.
            while (running.get() && simClock.isBefore(liveFrom) && (until == null || simClock.isBefore(until))) {
                Instant next = min(simClock.plus(Duration.ofHours(1)), liveFrom, until);
                List<DossierEvent> batch = feed.next(sim.advanceTo(next), next);
                publisher.publishAll(batch);
                sent += batch.size();
                simClock = next;
                save(stateFile, resumePoint(simClock, feed));
                if (simClock.getEpochSecond() % (6 * 3600) == 0) {
                    System.out.printf("catch-up: simulated %s, %,d events sent%n", simClock, sent);
                }
            }
            System.out.printf("Simulator live at x%s from simulated %s (%,d events sent so far)%n", speed, simClock, sent);
            long realStart = System.nanoTime();
            Instant liveStart = simClock;
            while (running.get() && (until == null || simClock.isBefore(until))) {
                Thread.sleep(200);
                double realSeconds = (System.nanoTime() - realStart) / 1e9;
                Instant next = liveStart.plusMillis((long) (realSeconds * speed * 1000));
                if (until != null && next.isAfter(until)) {
                    next = until;
                }
                List<DossierEvent> batch = feed.next(sim.advanceTo(next), next);
                publisher.publishAll(batch);
                sent += batch.size();
                simClock = next;
                save(stateFile, resumePoint(simClock, feed));
            }
            // held back by the disorder options: the run ends, so they are sent now
            List<DossierEvent> rest = feed.drain();
            publisher.publishAll(rest);
            sent += rest.size();
        }
        System.out.printf("Simulator stopped at simulated %s, %,d events sent%n", simClock, sent);
    }

    /**
     * Where a restart must regenerate from: the clock, or the oldest event still held back, so that
     * no held event is lost (those already sent are sent again, which event ids make harmless).
     */
    private static Instant resumePoint(Instant clock, DisorderedFeed feed) {
        Instant held = feed.oldestHeldAt();
        return held != null && held.isBefore(clock) ? held : clock;
    }

    static DisorderedFeed.Options disorderOptions(Map<String, String> o, long seed) {
        Duration window = Duration.ofMillis((long) (Double.parseDouble(o.getOrDefault("disorder-shuffle-window", "0")) * 1000));
        double duplicates = Double.parseDouble(o.getOrDefault("duplicates", "0"));
        DisorderedFeed.Outage outage = null;
        if (o.containsKey("offline-commune")) {
            if (!o.containsKey("offline-from") || !o.containsKey("offline-hours")) {
                throw new IllegalArgumentException("--offline-commune needs --offline-from ISO and --offline-hours N");
            }
            outage = new DisorderedFeed.Outage(o.get("offline-commune"), parseTime(o.get("offline-from")),
                    Duration.ofMinutes((long) (Double.parseDouble(o.get("offline-hours")) * 60)));
        }
        return new DisorderedFeed.Options(window, duplicates, outage, seed);
    }

    /** An instant with an offset, or a local date-time in Asia/Ho_Chi_Minh. */
    static Instant parseTime(String s) {
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.LocalDateTime.parse(s).atZone(WorkingCalendar.ZONE).toInstant();
        }
    }

    private static Instant min(Instant a, Instant b, Instant c) {
        Instant m = a.isBefore(b) ? a : b;
        return c != null && c.isBefore(m) ? c : m;
    }

    private static void save(Path stateFile, Instant clock) throws IOException {
        if (stateFile == null) {
            return;
        }
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        Files.createDirectories(stateFile.toAbsolutePath().getParent());
        Files.writeString(tmp, clock.toString() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, stateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Options look like --name value; got '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }
}
