package vn.ioc.infra.clickhouse;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One chDB connection. chDB serializes the calls on a connection, and an open insert stream blocks every other
 * statement on it, so a connection serves one request at a time; {@link ChdbEngine} pools them.
 */
final class ChdbConnection implements AutoCloseable {

    private final ChdbNative chdb;
    private Pointer slot;          // the chdb_connection * that chdb_connect returned
    private final Pointer handle;  // the chdb_connection itself
    private String currentDatabase = "default";
    private String settingsKey;    // the session settings applied to it, null until configured

    ChdbConnection(ChdbNative chdb, Pointer slot) {
        this.chdb = chdb;
        this.slot = slot;
        this.handle = slot.getPointer(0);
    }

    /** Runs a statement; {@code format} is the output format unless the query names one with FORMAT. */
    ChdbResult query(String sql, String format, Map<String, String> parameters) {
        byte[] query = sql.getBytes(StandardCharsets.UTF_8);
        byte[] fmt = format.getBytes(StandardCharsets.UTF_8);
        if (parameters.isEmpty()) {
            return new ChdbResult(chdb, chdb.chdb_query_n(handle, query, query.length, fmt, fmt.length));
        }
        NativeStrings params = new NativeStrings(parameters);
        try {
            return new ChdbResult(chdb, chdb.chdb_query_with_params_n(handle, query, query.length, fmt, fmt.length,
                    params.names, params.nameLengths, params.values, params.valueLengths, params.count));
        } finally {
            Reference.reachabilityFence(params);
        }
    }

    /** Runs a statement and throws its error, discarding any output. */
    void execute(String sql) {
        try (ChdbResult ignored = query(sql, "TabSeparated", Map.of()).orThrow()) {
            // output, if any, is not needed
        }
    }

    /** Begins a streaming INSERT; {@code insert} has no FORMAT clause and no data. */
    ChdbInsertStream insert(String insert, String format, Map<String, String> parameters) {
        byte[] query = insert.getBytes(StandardCharsets.UTF_8);
        byte[] fmt = format.getBytes(StandardCharsets.UTF_8);
        NativeStrings params = new NativeStrings(parameters);
        try {
            return new ChdbInsertStream(chdb, chdb.chdb_stream_insert_with_params_n(handle, query, query.length,
                    fmt, fmt.length, params.names, params.nameLengths, params.values, params.valueLengths,
                    params.count));
        } finally {
            Reference.reachabilityFence(params);
        }
    }

    /** The settings this connection's session carries ("" for none), or null before they were applied. */
    String settingsKey() {
        return settingsKey;
    }

    void configured(String key) {
        settingsKey = key;
    }

    /** Makes {@code database} current, skipping the round trip when it already is. */
    void use(String database) {
        if (!database.equals(currentDatabase)) {
            currentDatabase = null; // unknown until USE succeeds
            execute("USE " + SqlText.quoteIdentifier(database));
            currentDatabase = database;
        }
    }

    /** After a statement that may have switched the database itself (USE), forget which one is current. */
    void forgetDatabase() {
        currentDatabase = null;
    }

    @Override
    public void close() {
        if (slot != null) {
            chdb.chdb_close_conn(slot);
            slot = null;
        }
    }

    /** Name/value arrays for the binary-safe parameter API, kept alive for the duration of one call. */
    private static final class NativeStrings {
        final Pointer[] names;
        final long[] nameLengths;
        final Pointer[] values;
        final long[] valueLengths;
        final int count;

        NativeStrings(Map<String, String> map) {
            count = map.size();
            if (count == 0) {
                names = values = null;
                nameLengths = valueLengths = null;
                return;
            }
            names = new Pointer[count];
            values = new Pointer[count];
            nameLengths = new long[count];
            valueLengths = new long[count];
            int i = 0;
            for (Map.Entry<String, String> e : map.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
                names[i] = copy(name);
                values[i] = copy(value);
                nameLengths[i] = name.length;
                valueLengths[i] = value.length;
                i++;
            }
        }

        private static Pointer copy(byte[] bytes) {
            Memory memory = new Memory(Math.max(1, bytes.length));
            memory.write(0, bytes, 0, bytes.length);
            return memory;
        }
    }
}
