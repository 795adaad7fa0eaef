package vn.ioc.analytics.sink;

import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseFormat;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ioc.infra.schema.ClickHouseEndpoint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Buffers rows and inserts them as one RowBinary batch. Batches are encoded and inserted on a thread
 * of the writer's own, in order, so that the task goes on processing while a batch is on its way; at most
 * {@link #MAX_IN_FLIGHT} batches are under way, and a checkpoint waits for all of them, so what a
 * completed checkpoint covers is in ClickHouse. A failed insert is retried with backoff for up to
 * {@link #RETRY_FOR} (ClickHouse restarting, a network blip), which back-pressures the pipeline
 * instead of losing rows; after that the job fails and Flink restarts it from its last checkpoint.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);
    static final Duration RETRY_FOR = Duration.ofMinutes(10);
    static final int MAX_IN_FLIGHT = 2;

    private final ClickHouseEndpoint endpoint;
    private final String table;
    private final RowEncoder<T> encoder;
    private final FlushPolicy policy;
    private long lastFlushAt; // processing time the buffer last left
    private final int maxBufferedRows;
    private final ProcessingTimeService timeService;
    private final Map<String, T> keyed = new LinkedHashMap<>();
    private final List<T> unkeyed = new ArrayList<>();
    private final ExecutorService inserter;
    private final Deque<Future<?>> inFlight = new ArrayDeque<>();
    private volatile Client client; // used by the insert thread
    private boolean closed;
    private long batches; // sent since the writer opened: logged at close, the figure behind a table's part count
    private long rowsSent;

    ClickHouseSinkWriter(ClickHouseEndpoint endpoint, String table, RowEncoder<T> encoder, FlushPolicy policy,
                         int maxBufferedRows, ProcessingTimeService timeService) {
        this.endpoint = endpoint;
        this.table = table;
        this.encoder = encoder;
        this.maxBufferedRows = maxBufferedRows;
        this.timeService = timeService;
        this.policy = policy;
        this.lastFlushAt = timeService.getCurrentProcessingTime();
        this.client = endpoint.newClient();
        this.inserter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "clickhouse-insert-" + table);
            t.setDaemon(true);
            return t;
        });
        scheduleFlush();
    }

    private void scheduleFlush() {
        timeService.registerTimer(timeService.getCurrentProcessingTime() + policy.flushIntervalMs(), now -> {
            if (closed) {
                return;
            }
            // FlushPolicy: every tick while rows arrive at a live rate; while the previous batch is still on
            // its way, or rows pour in (a replay), the buffer grows into a bigger batch instead of many small
            // ones, each of which becomes a part for ClickHouse to merge.
            if (policy.flushOnTick(keyed.size() + unkeyed.size(), now - lastFlushAt, insertUnderWay())) {
                flushBuffer();
            }
            scheduleFlush();
        });
    }

    @Override
    public void write(T row, Context context) throws IOException {
        // Rows are encoded when the batch leaves: a row replaced by a newer one of the same key
        // before then is never encoded at all.
        String key = encoder.key(row);
        if (key == null) {
            unkeyed.add(row);
        } else {
            keyed.remove(key); // keep arrival order of the newest version
            keyed.put(key, row);
        }
        if (keyed.size() + unkeyed.size() >= maxBufferedRows) {
            flushBuffer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        flushBuffer();
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
    }

    private boolean insertUnderWay() throws IOException {
        while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
            awaitOldest(); // done: collects its outcome, so a failure surfaces here
        }
        return !inFlight.isEmpty();
    }

    private void awaitOldest() throws IOException {
        try {
            inFlight.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while inserting into " + table, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private void flushBuffer() throws IOException {
        int rows = keyed.size() + unkeyed.size();
        if (rows == 0) {
            return;
        }
        // The rows are immutable records: the insert thread encodes them, so the task thread (the
        // pipeline's critical path) only hands the batch over.
        List<T> batch = new ArrayList<>(rows);
        batch.addAll(keyed.values());
        batch.addAll(unkeyed);
        keyed.clear();
        unkeyed.clear();
        lastFlushAt = timeService.getCurrentProcessingTime();
        batches++;
        rowsSent += rows;
        while (inFlight.size() >= MAX_IN_FLIGHT) {
            awaitOldest();
        }
        inFlight.addLast(inserter.submit(() -> {
            RowBinary body = new RowBinary(rows * 128);
            for (T row : batch) {
                encoder.write(row, body);
            }
            insertWithRetry(body.toByteArray(), rows);
            return null;
        }));
    }

    private void insertWithRetry(byte[] body, int rows) throws IOException {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        long backoffMs = 200;
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                client.insert(table, encoder.columns(), new ByteArrayInputStream(body), ClickHouseFormat.RowBinary)
                        .get(2, TimeUnit.MINUTES).close();
                if (attempt > 1) {
                    LOG.info("Insert of {} rows into {} succeeded after {} attempts", rows, table, attempt);
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while inserting into " + table, e);
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                if (System.nanoTime() > deadline) {
                    throw new IOException("Insert into " + table + " at " + endpoint.url() + " failed for "
                            + RETRY_FOR + ": " + cause.getMessage(), cause);
                }
                LOG.warn("Insert of {} rows into {} failed (attempt {}), retrying in {} ms: {}",
                        rows, table, attempt, backoffMs, cause.getMessage());
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5_000);
                reconnect();
            }
        }
    }

    private void reconnect() {
        try {
            client.close();
        } catch (Exception ignored) {
            // the old client is being replaced anyway
        }
        client = endpoint.newClient();
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting to retry", e);
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        LOG.info("Writer of {} closing: {} rows sent in {} batches", table, rowsSent, batches);
        inserter.shutdownNow();
        if (client != null) {
            client.close();
        }
    }
}
