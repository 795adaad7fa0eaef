package vn.ioc.infra.clickhouse;

import java.util.Locale;

/** The Content-Type ClickHouse sends for an output format. */
final class ContentTypes {

    private ContentTypes() {
    }

    static String of(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (f.startsWith("tabseparated") || f.startsWith("tsv")) {
            return "text/tab-separated-values; charset=UTF-8";
        }
        if (f.startsWith("csv")) {
            return "text/csv; charset=UTF-8; header=" + (f.contains("names") ? "present" : "absent");
        }
        if (f.equals("jsoneachrow") || f.equals("jsonlines") || f.equals("ndjson")) {
            return "application/x-ndjson; charset=UTF-8";
        }
        if (f.startsWith("json")) {
            return "application/json; charset=UTF-8";
        }
        if (f.startsWith("rowbinary") || f.equals("native") || f.startsWith("parquet") || f.startsWith("arrow")
                || f.startsWith("orc") || f.startsWith("avro") || f.startsWith("protobuf") || f.startsWith("msgpack")) {
            return "application/octet-stream";
        }
        if (f.equals("xml")) {
            return "application/xml; charset=UTF-8";
        }
        return "text/plain; charset=UTF-8";
    }
}
