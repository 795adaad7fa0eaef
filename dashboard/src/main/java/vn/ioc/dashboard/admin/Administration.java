package vn.ioc.dashboard.admin;

/**
 * What an administrator changes besides users, as this deployment allows: the operator's catalog
 * directory and the replay of dead letters through Kafka. Each says itself when it is unavailable.
 */
public record Administration(CatalogDirectory catalogDirectory, DeadLetterReplays deadLetterReplays) {

    /** No catalog directory (the sample province of the jar) and no Kafka: tests, the benchmark. */
    public static Administration none() {
        return new Administration(CatalogDirectory.none(), DeadLetterReplays.notConfigured());
    }
}
