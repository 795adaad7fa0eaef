package vn.ioc.infra.clickhouse;

import com.sun.jna.Pointer;

/**
 * A streaming INSERT: the statement is sent once, then the data follows in chunks of any size.
 * This is the only way to insert more than ~64 KiB: data inlined in a query's text is cut there.
 */
final class ChdbInsertStream implements AutoCloseable {

    private final ChdbNative chdb;
    private Pointer handle;

    ChdbInsertStream(ChdbNative chdb, Pointer handle) {
        this.chdb = chdb;
        this.handle = handle;
        String error = chdb.chdb_stream_insert_error(handle);
        if (error != null) {
            close();
            throw ClickHouseException.fromEngine(error);
        }
    }

    void append(byte[] data, int length) {
        if (length == 0) {
            return;
        }
        if (chdb.chdb_stream_append(handle, data, length) != 0) {
            String error = chdb.chdb_stream_insert_error(handle);
            throw ClickHouseException.fromEngine(error != null ? error
                    : "Code: 1001. DB::Exception: The insert stream failed. (STD_EXCEPTION)");
        }
    }

    /** Commits the data; the result carries the rows and bytes written. */
    QueryStats finish() {
        try (ChdbResult result = new ChdbResult(chdb, chdb.chdb_stream_done(handle))) {
            if (result.failed()) {
                result.orThrow();
            }
            return result.stats();
        }
    }

    @Override
    public void close() {
        if (handle != null) {
            chdb.chdb_destroy_insert_stream(handle); // cancels an unfinished insert first
            handle = null;
        }
    }
}
