package vn.ioc.analytics.sink;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import vn.ioc.infra.schema.ClickHouseEndpoint;

/**
 * Writes rows to one ClickHouse table over HTTP, in batches, every {@code flushIntervalMs} and at
 * every checkpoint. Delivery is at least once; the tables are made so that a row written twice
 * changes nothing (replacing tables keyed by the row's identity, with versions), which together
 * with Flink's checkpoints gives the same tables after a restart or a replay.
 */
public final class ClickHouseSink<T> implements Sink<T> {

    private final ClickHouseEndpoint endpoint;
    private final String table;
    private final RowEncoder<T> encoder;
    private final long flushIntervalMs;
    private final int maxBufferedRows;

    public ClickHouseSink(ClickHouseEndpoint endpoint, String table, RowEncoder<T> encoder,
                          long flushIntervalMs, int maxBufferedRows) {
        this.endpoint = endpoint;
        this.table = table;
        this.encoder = encoder;
        this.flushIntervalMs = flushIntervalMs;
        this.maxBufferedRows = maxBufferedRows;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ClickHouseSinkWriter<>(endpoint, table, encoder, flushIntervalMs, maxBufferedRows,
                context.getProcessingTimeService());
    }
}
