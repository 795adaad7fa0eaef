package vn.ioc.ingest.input;

import java.io.IOException;

/**
 * The elements of a JSON array, one item each, found by tracking strings and bracket depth only:
 * each element is then read by the event validator on its own, so one broken element does not
 * lose its neighbours. An element longer than the item limit is kept as its first bytes, with a
 * problem naming its length; content after the closing bracket is one more item, with a problem.
 */
public final class JsonArrayReader implements ItemReader {

    private enum State { BEFORE, IN_ARRAY, AFTER, DONE }

    private final ByteSource src;
    private final int maxItemBytes;
    private final BoundedBytes item;
    private State state = State.BEFORE;
    private long line = 1;
    private int index;
    private boolean sawComma;
    private String warning;

    JsonArrayReader(ByteSource src, int maxItemBytes) {
        this.src = src;
        this.maxItemBytes = maxItemBytes;
        this.item = new BoundedBytes(maxItemBytes);
    }

    @Override
    public RawItem next() throws IOException {
        while (true) {
            switch (state) {
                case BEFORE -> openArray();
                case IN_ARRAY -> {
                    RawItem element = element();
                    if (element != null) {
                        return element;
                    }
                }
                case AFTER -> {
                    return trailingContent();
                }
                case DONE -> {
                    return null;
                }
            }
        }
    }

    private void openArray() throws IOException {
        int b;
        while ((b = src.read()) != ByteSource.EOF && b != '[') {
            countLine(b); // whitespace and a byte order mark before the array
        }
        state = b == '[' ? State.IN_ARRAY : State.DONE;
    }

    /** The next element, or null when the array ended without one. */
    private RawItem element() throws IOException {
        item.reset();
        long startLine = line;
        boolean started = false;
        long trailingWhitespace = 0;
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        while (true) {
            int b = src.read();
            if (b == ByteSource.EOF) {
                state = State.DONE;
                warning = "the body ends before the JSON array is closed with ]";
                return started || sawComma ? emit(startLine, trailingWhitespace) : null;
            }
            countLine(b);
            if (inString) {
                item.append((byte) b);
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            if (depth == 0) {
                if (b == ',') {
                    sawComma = true;
                    return emit(startLine, trailingWhitespace);
                }
                if (b == ']') {
                    state = State.AFTER;
                    return started || sawComma ? emit(startLine, trailingWhitespace) : null;
                }
                if (ByteSource.isWhitespace(b)) {
                    if (started) {
                        item.append((byte) b);
                        trailingWhitespace++;
                    } else {
                        startLine = line;
                    }
                    continue;
                }
            }
            if (!started) {
                startLine = line;
                started = true;
            }
            trailingWhitespace = ByteSource.isWhitespace(b) ? trailingWhitespace + 1 : 0;
            item.append((byte) b);
            switch (b) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> depth--;
                default -> {
                }
            }
            if (depth < 0) {
                depth = 0; // a stray closing bracket: the element is broken, the validator will say so
            }
        }
    }

    private RawItem emit(long startLine, long trailingWhitespace) {
        item.dropLast(trailingWhitespace);
        String problem = null;
        if (item.size() > maxItemBytes) {
            problem = "array element of " + item.size() + " bytes exceeds the limit of " + maxItemBytes + " bytes";
        } else if (item.size() == 0) {
            problem = "empty array element (two commas in a row, or a comma before ])";
        }
        return new RawItem(index++, startLine, item.toArray(), item.size(), problem);
    }

    private RawItem trailingContent() throws IOException {
        item.reset();
        long startLine = line;
        boolean started = false;
        int b;
        while ((b = src.read()) != ByteSource.EOF) {
            countLine(b);
            if (!started && ByteSource.isWhitespace(b)) {
                startLine = line;
                continue;
            }
            started = true;
            item.append((byte) b);
        }
        state = State.DONE;
        if (!started) {
            return null;
        }
        return new RawItem(index++, startLine, item.toArray(), item.size(), "content after the end of the JSON array");
    }

    private void countLine(int b) {
        if (b == '\n') {
            line++;
        }
    }

    @Override
    public long bytesRead() {
        return src.consumed();
    }

    @Override
    public String warning() {
        return warning;
    }
}
