package vn.ioc.infra.clickhouse;

/** What a query did, in the terms of ClickHouse's {@code X-ClickHouse-Summary} header. */
record QueryStats(long readRows, long readBytes, long writtenRows, long writtenBytes,
                  long resultRows, long resultBytes, long elapsedNanos) {

    static final QueryStats NONE = new QueryStats(0, 0, 0, 0, 0, 0, 0);

    QueryStats withElapsed(long nanos) {
        return new QueryStats(readRows, readBytes, writtenRows, writtenBytes, resultRows, resultBytes, nanos);
    }

    /** The header value; ClickHouse writes every number as a JSON string. */
    String toSummaryJson() {
        return "{\"read_rows\":\"" + readRows + "\",\"read_bytes\":\"" + readBytes
                + "\",\"written_rows\":\"" + writtenRows + "\",\"written_bytes\":\"" + writtenBytes
                + "\",\"total_rows_to_read\":\"" + readRows + "\",\"result_rows\":\"" + resultRows
                + "\",\"result_bytes\":\"" + resultBytes + "\",\"elapsed_ns\":\"" + elapsedNanos + "\"}";
    }
}
