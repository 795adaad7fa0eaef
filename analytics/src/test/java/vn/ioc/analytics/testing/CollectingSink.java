package vn.ioc.analytics.testing;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sink that keeps what it receives in memory, for pipeline tests on a MiniCluster (same JVM).
 * Each instance has its own id, so tests running side by side do not mix their rows.
 */
public final class CollectingSink<T> implements Sink<T> {

    private static final Map<String, List<Object>> RECEIVED = new ConcurrentHashMap<>();
    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        RECEIVED.put(id, new CopyOnWriteArrayList<>());
    }

    @SuppressWarnings("unchecked")
    public List<T> received() {
        return new ArrayList<>((List<T>) (List<?>) RECEIVED.get(id));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> target = RECEIVED.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                target.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
