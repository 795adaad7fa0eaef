package vn.ioc.infra.clickhouse;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.file.Path;
import java.util.Map;

/**
 * The part of chDB's C API ({@code chdb.h}, chDB 26.7) this module uses.
 * Handles are opaque pointers; every result and insert stream must be destroyed by its owner.
 */
interface ChdbNative extends Library {

    static ChdbNative load(Path libchdb) {
        // Registered under its absolute path so JNA does not search the system library path. Opened RTLD_LAZY
        // without RTLD_GLOBAL: libchdb bundles its own C++ runtime and allocator, whose symbols must stay private
        // to it rather than become candidates for the JVM's own libraries.
        return Native.load(libchdb.toAbsolutePath().toString(), ChdbNative.class,
                Map.of(Library.OPTION_STRING_ENCODING, "UTF-8", Library.OPTION_OPEN_FLAGS, 1));
    }

    String chdb_version();

    /** Must run before the first connect: chDB's own SIGSEGV handlers would swallow the JVM's. */
    void chdb_set_signal_handlers_enabled(int enabled);

    /**
     * Returns a {@code chdb_connection *} (a pointer to the handle, read it with {@code getPointer(0)}) or NULL;
     * {@code argv} holds e.g. {@code --path=/data}.
     */
    Pointer chdb_connect(int argc, String[] argv);

    /** Takes the {@code chdb_connection *} that chdb_connect returned. */
    void chdb_close_conn(Pointer connectionSlot);

    /** Returns CHDBSuccess (0) once no chDB thread runs; after it, chdb_connect fails for the rest of the process. */
    int chdb_shutdown();

    Pointer chdb_query_n(Pointer connection, byte[] query, long queryLength, byte[] format, long formatLength);

    Pointer chdb_query_with_params_n(Pointer connection, byte[] query, long queryLength, byte[] format, long formatLength,
                                     Pointer[] names, long[] nameLengths, Pointer[] values, long[] valueLengths,
                                     long count);

    void chdb_destroy_query_result(Pointer result);

    Pointer chdb_result_buffer(Pointer result);

    long chdb_result_length(Pointer result);

    double chdb_result_elapsed(Pointer result);

    long chdb_result_rows_read(Pointer result);

    long chdb_result_bytes_read(Pointer result);

    long chdb_result_storage_rows_read(Pointer result);

    long chdb_result_storage_bytes_read(Pointer result);

    long chdb_result_rows_written(Pointer result);

    long chdb_result_bytes_written(Pointer result);

    String chdb_result_error(Pointer result);

    /** Never NULL; check {@link #chdb_stream_insert_error}. The connection runs nothing else while it is open. */
    Pointer chdb_stream_insert_with_params_n(Pointer connection, byte[] query, long queryLength,
                                             byte[] format, long formatLength,
                                             Pointer[] names, long[] nameLengths, Pointer[] values,
                                             long[] valueLengths, long count);

    /** The data is copied; returns CHDBError (1) once the stream has failed. */
    int chdb_stream_append(Pointer stream, byte[] data, long length);

    /** Commits; the result carries rows/bytes written or the error. */
    Pointer chdb_stream_done(Pointer stream);

    void chdb_stream_cancel_insert(Pointer stream);

    String chdb_stream_insert_error(Pointer stream);

    void chdb_destroy_insert_stream(Pointer stream);
}
