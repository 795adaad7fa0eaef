package vn.ioc.analytics.rows;

/** A dead letter that an operator replayed, as stored in {@code dead_letter_replays}. */
public record DeadLetterReplayRow(String source, String deadLetterId, String eventId, String reasonCode,
                                  long replayedAtMillis) {
}
