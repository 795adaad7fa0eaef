package vn.ioc.infra.clickhouse;

import com.sun.jna.Pointer;

import java.io.IOException;
import java.io.OutputStream;

/** One materialized chDB result: the formatted bytes and the statistics. Must be closed to free native memory. */
final class ChdbResult implements AutoCloseable {

    private static final int CHUNK = 1 << 20;

    private final ChdbNative chdb;
    private Pointer handle;
    private final String error;
    private final long length;

    ChdbResult(ChdbNative chdb, Pointer handle) {
        this.chdb = chdb;
        this.handle = handle;
        if (handle == null) {
            this.error = "Code: 1001. DB::Exception: chDB returned no result. (STD_EXCEPTION)";
            this.length = 0;
        } else {
            this.error = chdb.chdb_result_error(handle);
            this.length = error == null ? chdb.chdb_result_length(handle) : 0;
        }
    }

    boolean failed() {
        return error != null;
    }

    /** Throws the engine's error, if any. */
    ChdbResult orThrow() {
        if (error != null) {
            close();
            throw ClickHouseException.fromEngine(error);
        }
        return this;
    }

    long length() {
        return length;
    }

    QueryStats stats() {
        if (handle == null || error != null) {
            return QueryStats.NONE;
        }
        return new QueryStats(chdb.chdb_result_storage_rows_read(handle), chdb.chdb_result_storage_bytes_read(handle),
                chdb.chdb_result_rows_written(handle), chdb.chdb_result_bytes_written(handle),
                chdb.chdb_result_rows_read(handle), chdb.chdb_result_bytes_read(handle),
                (long) (chdb.chdb_result_elapsed(handle) * 1e9));
    }

    /** Copies the result bytes out of native memory in chunks, so a large result never needs one Java array. */
    void writeTo(OutputStream out) throws IOException {
        if (length == 0) {
            return;
        }
        Pointer buffer = chdb.chdb_result_buffer(handle);
        byte[] chunk = new byte[(int) Math.min(CHUNK, length)];
        for (long offset = 0; offset < length; ) {
            int n = (int) Math.min(chunk.length, length - offset);
            buffer.read(offset, chunk, 0, n);
            out.write(chunk, 0, n);
            offset += n;
        }
    }

    byte[] bytes() {
        return length == 0 ? new byte[0] : chdb.chdb_result_buffer(handle).getByteArray(0, Math.toIntExact(length));
    }

    String text() {
        return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (handle != null) {
            chdb.chdb_destroy_query_result(handle);
            handle = null;
        }
    }
}
