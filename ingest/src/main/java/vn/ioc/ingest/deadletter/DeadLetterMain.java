package vn.ioc.ingest.deadletter;

import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.domain.event.Rejection;
import vn.ioc.ingest.CommandLine;
import vn.ioc.ingest.IngestDefaults;
import vn.ioc.ingest.kafka.EventPublisher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The operator's view of the dead-letter topic.
 *
 * <pre>
 * DeadLetterMain list   [--reason CODE] [--source NAME] [--pending] [--limit N]
 * DeadLetterMain replay [--reason CODE]
 * DeadLetterMain stats
 * common: --bootstrap-servers H:P (IOC_KAFKA_BOOTSTRAP)  --topic T (IOC_KAFKA_TOPIC)
 *         --dlq-topic T (IOC_KAFKA_DLQ_TOPIC)  --catalog-dir DIR (IOC_CATALOG_DIR)
 * </pre>
 * {@code list} shows the newest N (default 50) matching dead letters, oldest first. {@code replay}
 * re-validates the pending ones against the current catalogs and publishes those that now pass.
 */
public final class DeadLetterMain {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private DeadLetterMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl;
        try {
            cl = CommandLine.parse(args, Set.of("pending"));
            if (cl.words().size() != 1) {
                throw new IllegalArgumentException("say what to do: list, replay or stats");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: DeadLetterMain list [--reason CODE] [--source NAME] [--pending] [--limit N] | replay [--reason CODE] | stats"
                    + "  [--bootstrap-servers H:P] [--topic T] [--dlq-topic T] [--catalog-dir DIR]");
            return 64;
        }
        String bootstrap = cl.get("bootstrap-servers", IngestDefaults.ENV_BOOTSTRAP, IngestDefaults.BOOTSTRAP);
        String dlq = cl.get("dlq-topic", IngestDefaults.ENV_DLQ_TOPIC, IngestDefaults.DLQ_TOPIC);
        try {
            return switch (cl.words().get(0)) {
                case "list" -> list(cl, bootstrap, dlq, out);
                case "replay" -> replay(cl, bootstrap, dlq, out, err);
                case "stats" -> stats(bootstrap, dlq, out);
                default -> {
                    err.println("unknown command '" + cl.words().get(0) + "': list, replay or stats");
                    yield 64;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 64;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (RuntimeException e) {
            err.println("Failed: " + e.getMessage());
            return 2;
        }
    }

    private static int list(CommandLine cl, String bootstrap, String dlq, PrintStream out) {
        String reason = cl.get("reason", null);
        String source = cl.get("source", null);
        boolean pendingOnly = cl.flag("pending");
        long limit = cl.getLong("limit", 50);
        List<DeadLetterRecord> records = DeadLetterTopic.readAll(bootstrap, dlq, READ_TIMEOUT);
        Set<String> replayed = new HashSet<>();
        for (DeadLetterRecord r : records) {
            if (r instanceof ReplayMarker m) {
                replayed.add(m.deadLetterId());
            }
        }
        Deque<DeadLetter> newest = new ArrayDeque<>();
        long matching = 0;
        for (DeadLetterRecord r : records) {
            if (r instanceof DeadLetter d && (reason == null || reason.equals(d.reasonCode()))
                    && (source == null || source.equals(d.source())) && !(pendingOnly && replayed.contains(d.id()))) {
                matching++;
                newest.addLast(d);
                if (newest.size() > limit) {
                    newest.removeFirst();
                }
            }
        }
        for (DeadLetter d : newest) {
            out.printf("%s  %s  %s  %s%n", LOCAL.format(d.receivedAt()), d.source(),
                    replayed.contains(d.id()) ? "replayed" : "pending", d.reason());
            for (int i = 1; i < d.errors().size(); i++) {
                Rejection r = d.errors().get(i);
                out.println("    also " + r);
            }
            out.println("    id " + d.id() + (d.origin() == null ? "" : "  from " + d.origin()));
            String text = d.rawText();
            String shown = text == null ? "(not UTF-8, " + d.raw().length + " bytes in base64 in the record)" : oneLine(text);
            out.println("    raw " + shown + (d.rawTruncated() ? "  (first " + d.raw().length + " of " + d.rawSize() + " bytes)" : ""));
        }
        out.printf("%d dead letter(s) match; %d shown%n", matching, newest.size());
        return 0;
    }

    private static String oneLine(String s) {
        String flat = s.replace('\n', ' ').replace('\r', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    private static int replay(CommandLine cl, String bootstrap, String dlq, PrintStream out, PrintStream err) throws InterruptedException {
        String topic = cl.get("topic", IngestDefaults.ENV_TOPIC, IngestDefaults.TOPIC);
        String catalogDir = cl.get("catalog-dir", IngestDefaults.ENV_CATALOG_DIR, null);
        Catalogs catalogs = catalogDir == null ? Catalogs.loadDefault() : Catalogs.load(Path.of(catalogDir));
        List<DeadLetterRecord> records = DeadLetterTopic.readAll(bootstrap, dlq, READ_TIMEOUT);
        DeadLetterReplay.Result result;
        try (EventPublisher events = new EventPublisher(bootstrap, topic);
             KafkaDeadLetterSink markers = new KafkaDeadLetterSink(bootstrap, dlq)) {
            result = new DeadLetterReplay(new EventValidator(catalogs), events, markers, Duration.ofMinutes(3))
                    .run(records, cl.get("reason", null));
        }
        out.printf("replayed %d to %s; still rejected %d %s; already replayed before %d; national snapshots skipped %d"
                        + " (re-send them from their one-stop system)%n",
                result.replayed(), topic, result.stillRejectedTotal(), result.stillRejected(), result.alreadyReplayed(), result.snapshots());
        if (result.notStored() > 0) {
            err.printf("%d passed validation but Kafka did not acknowledge them: run replay again%n", result.notStored());
            return 2;
        }
        return 0;
    }

    private static int stats(String bootstrap, String dlq, PrintStream out) {
        try (DeadLetterStats stats = DeadLetterStats.open(bootstrap, dlq)) {
            DeadLetterStats.Counts c = stats.refresh();
            out.printf("dead letters %d, replayed %d, pending %d%n", c.total(), c.replayed(), c.pending());
            out.println("by reason:         " + c.byReason());
            out.println("pending by reason: " + c.pendingByReason());
            out.println("by source:         " + c.bySource());
            if (c.lastReceivedAt() != null) {
                out.println("latest:            " + LOCAL.format(c.lastReceivedAt()) + " (Asia/Ho_Chi_Minh)");
            }
        }
        return 0;
    }
}
