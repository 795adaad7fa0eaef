package vn.ioc.dashboard.admin;

import vn.ioc.ingest.deadletter.DeadLetterReplay;

import java.util.List;
import java.util.Set;

/**
 * Replays dead letters from the administration page: the ingest's own replay (re-validate against
 * the catalogs in effect, publish what now passes, mark it replayed in the dead-letter topic), for
 * the dead letters an administrator selected or for every pending one of a reason.
 */
public interface DeadLetterReplays {

    /** Either the selected dead letters ({@code ids}) or every pending one of {@code reasonCode}. */
    record Request(Set<String> ids, String reasonCode) {
        public Request {
            if ((ids == null) == (reasonCode == null)) {
                throw new IllegalArgumentException("give either ids or a reason code");
            }
            ids = ids == null ? null : Set.copyOf(ids);
        }
    }

    /**
     * @param result   the ingest replay's counts: replayed, still rejected by reason, already replayed, snapshots skipped, not stored
     * @param notFound selected ids the dead-letter topic does not hold (the analytics job's own refusals are only in ClickHouse)
     */
    record Outcome(DeadLetterReplay.Result result, List<String> notFound) {
    }

    Availability availability();

    Outcome replay(Request request) throws InterruptedException;

    /** The dashboard was started without Kafka: there is nothing to replay to. */
    static DeadLetterReplays notConfigured() {
        Availability unavailable = Availability.unavailable("KAFKA_NOT_CONFIGURED",
                "The dashboard was started without Kafka (IOC_KAFKA_BOOTSTRAP): it cannot replay dead letters; "
                        + "use vn.ioc.ingest.deadletter.DeadLetterMain replay");
        return new DeadLetterReplays() {
            @Override
            public Availability availability() {
                return unavailable;
            }

            @Override
            public Outcome replay(Request request) {
                unavailable.require();
                throw new IllegalStateException("unreachable");
            }
        };
    }
}
