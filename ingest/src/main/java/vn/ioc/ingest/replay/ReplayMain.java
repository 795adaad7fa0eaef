package vn.ioc.ingest.replay;

import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.ingest.CommandLine;
import vn.ioc.ingest.IngestDefaults;
import vn.ioc.ingest.deadletter.KafkaDeadLetterSink;
import vn.ioc.ingest.kafka.EventPublisher;
import vn.ioc.ingest.kafka.Topics;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a JSON Lines file of dossier events to Kafka (docs/ingest.md).
 *
 * <pre>
 * ReplayMain --file F.jsonl[.gz] [--bootstrap-servers H:P] [--topic T] [--dlq-topic T] [--source NAME]
 *            [--catalog-dir DIR] [--paced-by-event-time --speed N]
 * </pre>
 * A progress line on stderr (events/s, share of the file read, time left) is rewritten four times a
 * second on a terminal, and printed every 5 s into a log. Exit code 0 when every line was handled
 * (accepted or dead-lettered), 1 on a file problem, 2 when Kafka did not store a record, 64 on a
 * wrong command line.
 */
public final class ReplayMain {

    private ReplayMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl;
        Path file;
        FileReplay.Pacing pacing;
        try {
            cl = CommandLine.parse(args, Set.of("paced-by-event-time"));
            file = Path.of(cl.require("file"));
            pacing = cl.flag("paced-by-event-time") ? new FileReplay.Pacing(cl.getDouble("speed", 1)) : null;
            if (pacing == null && cl.has("speed")) {
                throw new IllegalArgumentException("--speed goes with --paced-by-event-time");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: ReplayMain --file F.jsonl[.gz] [--bootstrap-servers H:P] [--topic T] [--dlq-topic T]"
                    + " [--source NAME] [--catalog-dir DIR] [--paced-by-event-time --speed N]");
            return 64;
        }
        if (!Files.isReadable(file)) {
            err.println("Cannot read " + file);
            return 1;
        }
        String bootstrap = cl.get("bootstrap-servers", IngestDefaults.ENV_BOOTSTRAP, IngestDefaults.BOOTSTRAP);
        String topic = cl.get("topic", IngestDefaults.ENV_TOPIC, IngestDefaults.TOPIC);
        String dlq = cl.get("dlq-topic", IngestDefaults.ENV_DLQ_TOPIC, IngestDefaults.DLQ_TOPIC);
        String source = cl.get("source", "file:" + file.getFileName());
        String catalogDir = cl.get("catalog-dir", IngestDefaults.ENV_CATALOG_DIR, null);
        try {
            Catalogs catalogs = catalogDir == null ? Catalogs.loadDefault() : Catalogs.load(Path.of(catalogDir));
            var missing = Topics.missing(bootstrap, java.util.List.of(topic, dlq));
            if (!missing.isEmpty()) {
                err.println("Kafka at " + bootstrap + " has no topic " + String.join(", ", missing) + ": create it first");
                return 2;
            }
            try (EventPublisher events = new EventPublisher(bootstrap, topic);
                 KafkaDeadLetterSink deadLetters = new KafkaDeadLetterSink(bootstrap, dlq)) {
                FileReplay replay = new FileReplay(new EventValidator(catalogs), events, deadLetters, source, pacing);
                ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "replay-progress");
                    t.setDaemon(true);
                    return t;
                });
                boolean terminal = System.console() != null;
                ProgressLine line = new ProgressLine(file.getFileName().toString(), replay.progress(), err, terminal);
                ticker.scheduleAtFixedRate(line::print, terminal ? 250 : 5000, terminal ? 250 : 5000, TimeUnit.MILLISECONDS);
                FileReplay.Summary s;
                try {
                    s = replay.run(file);
                } finally {
                    ticker.shutdownNow();
                    line.finish();
                }
                out.printf("%s: %,d lines, %,d accepted, %,d rejected (in %s), %.1f s, %,.0f events/s%n",
                        file.getFileName(), s.lines(), s.accepted(), s.rejected(), dlq, s.seconds(), s.eventsPerSecond());
                return 0;
            }
        } catch (IOException e) {
            err.println("Cannot read " + file + ": " + e.getMessage());
            return 1;
        } catch (FileReplay.KafkaFailure e) {
            err.println(e.getMessage() + " (Kafka at " + bootstrap + "); the lines before were sent, event ids make a rerun harmless");
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (RuntimeException e) {
            err.println("Replay failed: " + e.getMessage());
            return 2;
        }
    }

    /** The progress line: lines, events/s, share of the file read, time left. */
    static final class ProgressLine {
        private final String name;
        private final FileReplay.Progress p;
        private final PrintStream err;
        private final boolean terminal;
        private boolean printed;

        ProgressLine(String name, FileReplay.Progress p, PrintStream err, boolean terminal) {
            this.name = name;
            this.p = p;
            this.err = err;
            this.terminal = terminal;
        }

        synchronized void print() {
            double seconds = p.seconds();
            long lines = p.lines();
            double share = p.fileBytes() == 0 ? 1 : (double) p.bytesRead() / p.fileBytes();
            String eta = share <= 0 || seconds < 0.5 ? "--:--" : clock(seconds * (1 - share) / share);
            String text = String.format("%s: %,d lines  %,.0f events/s  %.1f%% read  ETA %s", name, lines,
                    seconds > 0 ? lines / seconds : 0, share * 100, eta);
            err.print(terminal ? "\r" + text + "   " : text + System.lineSeparator());
            err.flush();
            printed = true;
        }

        synchronized void finish() {
            if (terminal && printed) {
                err.println();
            }
        }

        static String clock(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
        }
    }
}
