package vn.ioc.analytics.sink;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Serializable;

/** How rows of one type become lines of ClickHouse's JSONEachRow format. */
public interface RowEncoder<T> extends Serializable {

    /**
     * The row's identity in its table, or null when rows never replace each other. Rows with the same
     * key waiting in one buffer are coalesced to the newest, which is what the table keeps anyway.
     */
    String key(T row);

    /** Writes the row as one JSON object; the writer separates rows with newlines. */
    void write(T row, JsonGenerator out) throws IOException;
}
