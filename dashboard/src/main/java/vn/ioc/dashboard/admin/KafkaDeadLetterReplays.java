package vn.ioc.dashboard.admin;

import vn.ioc.dashboard.ApiError;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.ingest.deadletter.DeadLetter;
import vn.ioc.ingest.deadletter.DeadLetterRecord;
import vn.ioc.ingest.deadletter.DeadLetterReplay;
import vn.ioc.ingest.deadletter.DeadLetterTopic;
import vn.ioc.ingest.deadletter.KafkaDeadLetterSink;
import vn.ioc.ingest.deadletter.ReplayMarker;
import vn.ioc.ingest.kafka.EventPublisher;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The replay run in the dashboard's process with the ingest module's classes, as its
 * {@code DeadLetterMain replay} command runs it: read the whole dead-letter topic, re-validate, publish,
 * mark. Events are checked against the catalogs this dashboard read at start, which are the ones the
 * analytics job runs with: an event that passed a catalog the job has not loaded yet would only be
 * refused again by the job, this time where no replay reaches it.
 */
public final class KafkaDeadLetterReplays implements DeadLetterReplays {

    /** Reading a topic of every rejection since the beginning may take a while; the broker being down fails sooner. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    /** A person waits for the answer: the broker gets a few seconds to take a send, a minute to acknowledge it. */
    private static final Duration MAX_BLOCK = Duration.ofSeconds(10);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(1);

    private final String bootstrapServers;
    private final String eventsTopic;
    private final String deadLetterTopic;
    private final Catalogs catalogs;
    /** One replay at a time: two at once would publish the same events twice (harmless) and mark them twice (confusing). */
    private final ReentrantLock running = new ReentrantLock();

    public KafkaDeadLetterReplays(String bootstrapServers, String eventsTopic, String deadLetterTopic, Catalogs catalogs) {
        this.bootstrapServers = bootstrapServers;
        this.eventsTopic = eventsTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.catalogs = catalogs;
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    @Override
    public Outcome replay(Request request) throws InterruptedException {
        if (!running.tryLock()) {
            throw new ApiError(409, "REPLAY_RUNNING", "Another replay is running; try again when it has finished", Map.of());
        }
        try {
            List<DeadLetterRecord> records = readTopic();
            List<String> notFound = List.of();
            if (request.ids() != null) {
                Set<String> present = new HashSet<>();
                records.forEach(r -> {
                    if (r instanceof DeadLetter d) {
                        present.add(d.id());
                    }
                });
                notFound = request.ids().stream().filter(id -> !present.contains(id)).sorted().toList();
                // The markers stay so that the replay skips what was replayed before.
                records = records.stream().filter(r -> r instanceof ReplayMarker
                        || (r instanceof DeadLetter d && request.ids().contains(d.id()))).toList();
            }
            try (EventPublisher events = new EventPublisher(bootstrapServers, eventsTopic, MAX_BLOCK, DELIVERY_TIMEOUT);
                 KafkaDeadLetterSink markers = new KafkaDeadLetterSink(bootstrapServers, deadLetterTopic, MAX_BLOCK, DELIVERY_TIMEOUT)) {
                DeadLetterReplay.Result result = new DeadLetterReplay(new EventValidator(catalogs), events, markers, DELIVERY_TIMEOUT)
                        .run(records, request.reasonCode());
                return new Outcome(result, notFound);
            }
        } finally {
            running.unlock();
        }
    }

    private List<DeadLetterRecord> readTopic() {
        try {
            return DeadLetterTopic.readAll(bootstrapServers, deadLetterTopic, READ_TIMEOUT);
        } catch (RuntimeException e) {
            throw new ApiError(503, "KAFKA_UNREACHABLE", "Cannot read the dead-letter topic " + deadLetterTopic + " at "
                    + bootstrapServers + ": " + e.getMessage(), Map.of());
        }
    }
}
