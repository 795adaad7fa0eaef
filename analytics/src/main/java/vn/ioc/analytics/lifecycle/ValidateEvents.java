package vn.ioc.analytics.lifecycle;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.ioc.analytics.rows.DeadLetterRow;
import vn.ioc.analytics.source.RawEvent;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.domain.event.Rejection;
import vn.ioc.domain.event.Verdict;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Checks every record against the event contract and the catalogs. Producers are meant to validate
 * before writing, but the topic is open to any client, so the job checks again: a bad record goes to
 * the dead letters with its reason and never stops the pipeline.
 */
public final class ValidateEvents extends ProcessFunction<RawEvent, ValidatedEvent> {

    public static final OutputTag<DeadLetterRow> DEAD_LETTERS = new OutputTag<>("dead-letters") { };

    private final Catalogs catalogs;
    private transient EventValidator validator;

    public ValidateEvents(Catalogs catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public void open(OpenContext openContext) {
        validator = new EventValidator(catalogs);
    }

    @Override
    public void processElement(RawEvent raw, Context ctx, Collector<ValidatedEvent> out) {
        Verdict verdict = validator.validate(raw.value());
        if (verdict.accepted()) {
            out.collect(new ValidatedEvent(verdict.event(), raw.partition(), raw.offset()));
            return;
        }
        Rejection first = verdict.rejections().get(0);
        String reason = verdict.rejections().stream()
                .map(r -> r.field() == null ? r.reason() : r.field() + ": " + r.reason())
                .collect(Collectors.joining("; "));
        ctx.output(DEAD_LETTERS, new DeadLetterRow(
                "kafka:" + raw.partition() + ":" + raw.offset(),
                raw.timestamp(),
                "analytics-job",
                first.code(),
                reason,
                new String(raw.value(), StandardCharsets.UTF_8)));
    }
}
