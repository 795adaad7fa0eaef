package vn.ioc.ingest.input;

import java.io.IOException;
import java.io.InputStream;

/** Picks the reader for an input's format. */
public final class ItemReaders {

    /** How the items of an input are laid out. */
    public enum Format {
        /** One JSON value per line (application/x-ndjson). */
        JSON_LINES,
        /** A JSON array of items, or a single item (application/json). */
        JSON
    }

    private ItemReaders() {
    }

    /**
     * A reader of {@code in}. For {@link Format#JSON} the first byte other than whitespace or a byte
     * order mark decides: '[' reads the elements of an array, anything else reads the whole input
     * as one item. Returns a reader with no items when the input holds only whitespace.
     */
    public static ItemReader open(InputStream in, Format format, int maxItemBytes) throws IOException {
        ByteSource src = new ByteSource(in, 64 * 1024);
        src.skipByteOrderMark();
        if (format == Format.JSON_LINES) {
            return new JsonLinesReader(src, maxItemBytes);
        }
        int b;
        while ((b = src.peek()) != ByteSource.EOF && ByteSource.isWhitespace(b)) {
            src.read();
        }
        if (b == ByteSource.EOF) {
            return new ItemReader() {
                @Override
                public RawItem next() {
                    return null;
                }

                @Override
                public long bytesRead() {
                    return src.consumed();
                }
            };
        }
        return b == '[' ? new JsonArrayReader(src, maxItemBytes) : new SingleItemReader(src, maxItemBytes);
    }

    /** True when {@code reader} reads a JSON array (an empty array is a valid, empty input). */
    public static boolean isArray(ItemReader reader) {
        return reader instanceof JsonArrayReader;
    }
}
