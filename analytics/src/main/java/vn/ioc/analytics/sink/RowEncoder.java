package vn.ioc.analytics.sink;

import java.io.Serializable;
import java.util.List;

/** How rows of one type become rows of a ClickHouse table in the RowBinary format. */
public interface RowEncoder<T> extends Serializable {

    /**
     * The row's identity in its table, or null when rows never need coalescing. Rows with the same
     * key waiting in one buffer are coalesced to the newest, which is what the table keeps anyway.
     */
    String key(T row);

    /** The table's columns that {@link #write} writes, in its order. */
    List<String> columns();

    /** Appends the row's values, one per column of {@link #columns}. */
    void write(T row, RowBinary out);
}
