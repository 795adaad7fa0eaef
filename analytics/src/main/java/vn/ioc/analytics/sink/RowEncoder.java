package vn.ioc.analytics.sink;

import java.io.Serializable;

/** How rows of one type become lines of ClickHouse's JSONEachRow format. */
public interface RowEncoder<T> extends Serializable {

    /**
     * The row's identity in its table, or null when rows never replace each other. Rows with the same
     * key waiting in one buffer are coalesced to the newest, which is what the table keeps anyway.
     */
    String key(T row);

    /** One JSON object, without the trailing newline. */
    String toJson(T row);
}
