package vn.ioc.dashboard;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Independent ClickHouse queries of one answer, asked at once: the answer then takes as long as its
 * slowest query instead of their sum.
 */
public final class Queries {

    /** Threads that wait on ClickHouse; daemon, so they never hold the JVM up. */
    private static final ExecutorService POOL = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "clickhouse-query");
        t.setDaemon(true);
        return t;
    });

    private Queries() {
    }

    public static <T> CompletableFuture<T> async(Supplier<T> query) {
        return CompletableFuture.supplyAsync(query, POOL);
    }

    /** The query's value, or the exception it threw, as if it had been called directly. */
    public static <T> T join(CompletableFuture<T> query) {
        try {
            return query.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
