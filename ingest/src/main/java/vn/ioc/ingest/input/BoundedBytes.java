package vn.ioc.ingest.input;

import java.util.Arrays;

/** The bytes of one item, keeping at most {@code max} of them while counting them all. */
final class BoundedBytes {

    private final int max;
    private byte[] data = new byte[512];
    private int stored;
    private long size;

    BoundedBytes(int max) {
        this.max = max;
    }

    void reset() {
        stored = 0;
        size = 0;
    }

    void append(byte b) {
        if (stored < max) {
            if (stored == data.length) {
                data = Arrays.copyOf(data, Math.min(max, data.length * 2));
            }
            data[stored++] = b;
        }
        size++;
    }

    void append(byte[] src, int off, int len) {
        int keep = (int) Math.min(len, max - stored);
        if (keep > 0) {
            if (stored + keep > data.length) {
                data = Arrays.copyOf(data, Math.min(max, Math.max(stored + keep, data.length * 2)));
            }
            System.arraycopy(src, off, data, stored, keep);
            stored += keep;
        }
        size += len;
    }

    /** Forgets the last {@code n} bytes counted (trailing whitespace, a line's carriage return). */
    void dropLast(long n) {
        size -= n;
        if (stored > size) {
            stored = (int) size;
        }
    }

    long size() {
        return size;
    }

    int stored() {
        return stored;
    }

    byte at(int i) {
        return data[i];
    }

    byte[] toArray() {
        return Arrays.copyOf(data, stored);
    }
}
