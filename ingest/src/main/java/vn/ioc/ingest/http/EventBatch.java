package vn.ioc.ingest.http;

import vn.ioc.domain.event.EventValidator;
import vn.ioc.domain.event.Rejection;
import vn.ioc.domain.event.RejectionCode;
import vn.ioc.domain.event.Verdict;
import vn.ioc.ingest.deadletter.DeadLetter;
import vn.ioc.ingest.deadletter.DeadLetterSink;
import vn.ioc.ingest.input.RawItem;
import vn.ioc.ingest.kafka.EventSink;

import java.util.List;

/** The events of one request: each is validated, then sent to the events topic or dead-lettered. */
final class EventBatch {

    private final EventSink events;
    private final DeadLetterSink deadLetters;
    private final EventValidator validator;
    private final String source;
    private final String origin;
    private final SendGuard guard;
    private final Outcomes outcomes;

    EventBatch(EventSink events, DeadLetterSink deadLetters, EventValidator validator, String source, String origin,
               SendGuard guard, Outcomes outcomes) {
        this.events = events;
        this.deadLetters = deadLetters;
        this.validator = validator;
        this.source = source;
        this.origin = origin;
        this.guard = guard;
        this.outcomes = outcomes;
    }

    void add(RawItem item) {
        Verdict v = item.problem() != null
                ? Verdict.reject(List.of(new Rejection(RejectionCode.BAD_JSON, null, item.problem())))
                : validator.validate(item.bytes());
        if (v.accepted()) {
            outcomes.add(item.index(), item.line(), v.event().eventId(), true, List.of(),
                    guard.send(() -> events.send(v.event(), source)));
        } else {
            DeadLetter dl = DeadLetter.of(source, DeadLetter.EVENT, origin + " item " + item.index() + " (line " + item.line() + ")",
                    v.rejections(), item.bytes(), item.size());
            outcomes.add(item.index(), item.line(), item.truncated() ? null : EventIdPeek.of(item.bytes()), false, v.rejections(),
                    guard.send(() -> deadLetters.send(dl)));
        }
    }
}
