package vn.ioc.ingest.input;

import java.io.IOException;

/** A whole input as one item (a body holding one JSON object). */
final class SingleItemReader implements ItemReader {

    private final ByteSource src;
    private final int maxItemBytes;
    private boolean done;

    SingleItemReader(ByteSource src, int maxItemBytes) {
        this.src = src;
        this.maxItemBytes = maxItemBytes;
    }

    @Override
    public RawItem next() throws IOException {
        if (done) {
            return null;
        }
        done = true;
        BoundedBytes item = new BoundedBytes(maxItemBytes);
        while (src.fill()) {
            item.append(src.buf, src.pos, src.limit - src.pos);
            src.pos = src.limit;
        }
        String problem = item.size() > maxItemBytes
                ? "body of " + item.size() + " bytes exceeds the limit of " + maxItemBytes + " bytes for one object"
                : null;
        return new RawItem(0, 1, item.toArray(), item.size(), problem);
    }

    @Override
    public long bytesRead() {
        return src.consumed();
    }
}
