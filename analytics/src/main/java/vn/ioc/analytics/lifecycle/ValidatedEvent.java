package vn.ioc.analytics.lifecycle;

import vn.ioc.domain.event.DossierEvent;

/** An accepted event and its place in the topic. */
public record ValidatedEvent(DossierEvent event, int kafkaPartition, long kafkaOffset) {
}
