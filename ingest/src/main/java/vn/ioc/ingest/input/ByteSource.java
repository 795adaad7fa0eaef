package vn.ioc.ingest.input;

import java.io.IOException;
import java.io.InputStream;

/** A buffered byte input that can be peeked, shared by the item readers; counts what it consumed. */
final class ByteSource {

    static final int EOF = -1;

    private final InputStream in;
    final byte[] buf;
    int pos;
    int limit;
    private long filledBefore; // bytes of the input before buf[0]
    private boolean eof;

    ByteSource(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Makes bytes available; false at the end of the input. */
    boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        if (eof) {
            return false;
        }
        filledBefore += limit;
        pos = 0;
        limit = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit = n;
        return true;
    }

    int read() throws IOException {
        return fill() ? buf[pos++] & 0xff : EOF;
    }

    int peek() throws IOException {
        return fill() ? buf[pos] & 0xff : EOF;
    }

    /** Skips a UTF-8 byte order mark at the current position. */
    void skipByteOrderMark() throws IOException {
        if (fill() && limit - pos >= 3 && buf[pos] == (byte) 0xEF && buf[pos + 1] == (byte) 0xBB && buf[pos + 2] == (byte) 0xBF) {
            pos += 3;
        }
    }

    long consumed() {
        return filledBefore + pos;
    }

    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
