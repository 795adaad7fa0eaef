package vn.ioc.analytics.sink;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import vn.ioc.infra.schema.ClickHouseEndpoint;

/**
 * Writes rows to one ClickHouse table over HTTP, in batches, on the ticks its {@link FlushPolicy}
 * chooses and at every checkpoint. Delivery is at least once; the tables are made so that a row written twice
 * changes nothing (replacing tables keyed by the row's identity, with versions), which together
 * with Flink's checkpoints gives the same tables after a restart or a replay.
 */
public final class ClickHouseSink<T> implements Sink<T> {

    private final ClickHouseEndpoint endpoint;
    private final String table;
    private final RowEncoder<T> encoder;
    private final FlushPolicy policy;
    private final int maxBufferedRows;

    public ClickHouseSink(ClickHouseEndpoint endpoint, String table, RowEncoder<T> encoder,
                          FlushPolicy policy, int maxBufferedRows) {
        this.endpoint = endpoint;
        this.table = table;
        this.encoder = encoder;
        this.policy = policy;
        this.maxBufferedRows = maxBufferedRows;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ClickHouseSinkWriter<>(endpoint, table, encoder, policy, maxBufferedRows,
                context.getProcessingTimeService());
    }
}
