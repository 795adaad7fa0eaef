package vn.ioc.ingest.replay;

import vn.ioc.domain.event.EventValidator;
import vn.ioc.domain.event.Rejection;
import vn.ioc.domain.event.RejectionCode;
import vn.ioc.domain.event.Verdict;
import vn.ioc.ingest.deadletter.DeadLetter;
import vn.ioc.ingest.deadletter.DeadLetterSink;
import vn.ioc.ingest.input.JsonLinesReader;
import vn.ioc.ingest.input.RawItem;
import vn.ioc.ingest.kafka.EventSink;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

/**
 * Publishes a JSON Lines file of dossier events (gzip-compressed or not, told by its first bytes):
 * each line is validated, accepted events go to the events topic, bad lines to the dead-letter topic
 * with their line number. Records are sent without waiting for each other (the producer batches
 * them) and the run ends when every one is acknowledged. A Kafka failure stops the run.
 */
public final class FileReplay {

    /** The outcome of a run: every line read was either accepted or dead-lettered. */
    public record Summary(long lines, long accepted, long rejected, double seconds) {
        public double eventsPerSecond() {
            return seconds <= 0 ? 0 : lines / seconds;
        }
    }

    /** Where the run is, read by a progress display from another thread. */
    public interface Progress {
        long lines();

        long bytesRead();

        long fileBytes();

        double seconds();
    }

    /** Kafka did not store a record: the run was stopped. */
    public static final class KafkaFailure extends Exception {
        KafkaFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final EventValidator validator;
    private final EventSink events;
    private final DeadLetterSink deadLetters;
    private final String source;
    private final Pacing pacing;

    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object inFlightLock = new Object();
    private long inFlight;
    private volatile CountingInputStream counted;
    private volatile long fileBytes;
    private volatile long startNanos;

    /**
     * @param pacing null to publish as fast as the broker takes it, else sends each event when its
     *               time comes, {@code speed} times faster than the events' own clock
     */
    public FileReplay(EventValidator validator, EventSink events, DeadLetterSink deadLetters, String source, Pacing pacing) {
        this.validator = validator;
        this.events = events;
        this.deadLetters = deadLetters;
        this.source = source;
        this.pacing = pacing;
    }

    /** Send events no faster than their own clock, sped up {@code speed} times. */
    public record Pacing(double speed) {
        public Pacing {
            if (!(speed > 0)) {
                throw new IllegalArgumentException("--speed must be above 0");
            }
        }
    }

    public Summary run(Path file) throws IOException, KafkaFailure, InterruptedException {
        fileBytes = Files.size(file);
        startNanos = System.nanoTime();
        String name = file.getFileName().toString();
        try (InputStream in = open(file)) {
            JsonLinesReader reader = new JsonLinesReader(in, EventValidator.MAX_INPUT_BYTES);
            Instant firstAt = null;
            long paceStart = System.nanoTime();
            RawItem item;
            while ((item = reader.next()) != null) {
                checkFailure();
                lines.incrementAndGet();
                Verdict v = item.problem() != null
                        ? Verdict.reject(List.of(new Rejection(RejectionCode.BAD_JSON, null, item.problem())))
                        : validator.validate(item.bytes());
                if (v.accepted()) {
                    if (pacing != null) {
                        if (firstAt == null) {
                            firstAt = v.event().at();
                        }
                        waitForItsTime(paceStart, firstAt, v.event().at());
                    }
                    track(events.send(v.event(), source), accepted);
                } else {
                    DeadLetter dl = DeadLetter.of(source, DeadLetter.EVENT, name + " line " + item.line(), v.rejections(),
                            item.bytes(), item.size());
                    track(deadLetters.send(dl), rejected);
                }
            }
        }
        awaitAll();
        checkFailure();
        return new Summary(lines.get(), accepted.get(), rejected.get(), (System.nanoTime() - startNanos) / 1e9);
    }

    /** A live view of the run for a progress line. */
    public Progress progress() {
        return new Progress() {
            @Override
            public long lines() {
                return lines.get();
            }

            @Override
            public long bytesRead() {
                CountingInputStream c = counted;
                return c == null ? 0 : c.count();
            }

            @Override
            public long fileBytes() {
                return fileBytes;
            }

            @Override
            public double seconds() {
                return startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e9;
            }
        };
    }

    private InputStream open(Path file) throws IOException {
        CountingInputStream c = new CountingInputStream(Files.newInputStream(file));
        counted = c;
        BufferedInputStream b = new BufferedInputStream(c, 256 * 1024);
        b.mark(2);
        int m1 = b.read();
        int m2 = b.read();
        b.reset();
        return m1 == 0x1f && m2 == 0x8b ? new GZIPInputStream(b, 256 * 1024) : b;
    }

    private void waitForItsTime(long paceStart, Instant firstAt, Instant at) throws InterruptedException {
        long dueNanos = paceStart + (long) ((at.toEpochMilli() - firstAt.toEpochMilli()) * 1_000_000 / pacing.speed());
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private void track(CompletableFuture<Void> sent, AtomicLong counter) {
        synchronized (inFlightLock) {
            inFlight++;
        }
        sent.whenComplete((ok, error) -> {
            if (error == null) {
                counter.incrementAndGet();
            } else {
                failure.compareAndSet(null, error);
            }
            synchronized (inFlightLock) {
                inFlight--;
                inFlightLock.notifyAll();
            }
        });
    }

    private void awaitAll() throws InterruptedException {
        synchronized (inFlightLock) {
            while (inFlight > 0) {
                inFlightLock.wait(1000);
            }
        }
    }

    private void checkFailure() throws KafkaFailure, InterruptedException {
        Throwable t = failure.get();
        if (t != null) {
            awaitAll();
            throw new KafkaFailure("Kafka did not store a record: " + t.getMessage(), t);
        }
    }
}
