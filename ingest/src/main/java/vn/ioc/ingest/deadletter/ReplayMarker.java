package vn.ioc.ingest.deadletter;

import java.time.Instant;

/**
 * Written to the dead-letter topic after a dead letter was replayed (it passed validation and its
 * event is on the events topic), so that the next replay leaves it alone and the counts can tell
 * pending dead letters from resolved ones.
 *
 * @param deadLetterId the dead letter's id
 * @param reasonCode   the dead letter's reason code, so counts need not look the dead letter up
 * @param source       the dead letter's source (the record key, as for the dead letter)
 * @param eventId      the id of the event that was published
 * @param replayedAt   when
 */
public record ReplayMarker(String deadLetterId, String reasonCode, String source, String eventId, Instant replayedAt)
        implements DeadLetterRecord {

    @Override
    public String key() {
        return source;
    }
}
