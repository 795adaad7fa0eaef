package vn.ioc.ingest.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of a JSON Lines input, one item each; blank lines are skipped, a final line without a
 * newline counts, a carriage return before the newline is dropped. A line longer than the item
 * limit is kept as its first bytes, with a problem naming its length.
 */
public final class JsonLinesReader implements ItemReader {

    private final ByteSource src;
    private final int maxItemBytes;
    private final BoundedBytes item;
    private long line;
    private int index;

    public JsonLinesReader(InputStream in, int maxItemBytes) {
        this(new ByteSource(in, 64 * 1024), maxItemBytes);
    }

    JsonLinesReader(ByteSource src, int maxItemBytes) {
        this.src = src;
        this.maxItemBytes = maxItemBytes;
        this.item = new BoundedBytes(maxItemBytes);
    }

    @Override
    public RawItem next() throws IOException {
        while (true) {
            item.reset();
            if (!readLine()) {
                return null;
            }
            line++;
            if (item.stored() > 0 && item.at(item.stored() - 1) == '\r' && item.size() == item.stored()) {
                item.dropLast(1);
            }
            if (isBlank()) {
                continue;
            }
            String problem = item.size() > maxItemBytes
                    ? "line of " + item.size() + " bytes exceeds the limit of " + maxItemBytes + " bytes"
                    : null;
            return new RawItem(index++, line, item.toArray(), item.size(), problem);
        }
    }

    /** Reads up to the next newline or the end; false when the input had nothing left. */
    private boolean readLine() throws IOException {
        boolean any = false;
        while (src.fill()) {
            any = true;
            byte[] b = src.buf;
            int start = src.pos;
            int end = src.limit;
            for (int i = start; i < end; i++) {
                if (b[i] == '\n') {
                    item.append(b, start, i - start);
                    src.pos = i + 1;
                    return true;
                }
            }
            item.append(b, start, end - start);
            src.pos = end;
        }
        return any;
    }

    private boolean isBlank() {
        if (item.size() != item.stored()) {
            return false;
        }
        for (int i = 0; i < item.stored(); i++) {
            byte c = item.at(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return src.consumed();
    }
}
