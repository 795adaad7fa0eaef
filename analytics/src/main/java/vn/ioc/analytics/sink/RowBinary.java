package vn.ioc.analytics.sink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A batch of rows in ClickHouse's RowBinary format: each column's value in the table's binary layout,
 * one after the other, with nothing to parse (no field names, no quoting, no number formatting).
 * Only the types the job's tables use: little-endian integers, {@code Bool} as one byte, {@code
 * String} (and {@code LowCardinality(String)}) as a LEB128 length and UTF-8 bytes, {@code
 * DateTime64(3)} as milliseconds since the epoch in an Int64 (the column's time zone only shows it),
 * {@code Date} as days since the epoch in a UInt16, {@code Nullable(T)} as a 0/1 byte then T.
 */
public final class RowBinary {

    private byte[] buf;
    private int size;

    public RowBinary(int capacity) {
        buf = new byte[Math.max(capacity, 64)];
    }

    /** The batch's bytes (a copy of the filled part). */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    public RowBinary uint8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    /** Int8: one byte, two's complement, the same byte as UInt8 of its low bits. */
    public RowBinary int8(int v) {
        return uint8(v);
    }

    public RowBinary bool(boolean v) {
        return uint8(v ? 1 : 0);
    }

    public RowBinary uint16(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        return this;
    }

    public RowBinary uint32(long v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Int64 or UInt64 (the same eight bytes). */
    public RowBinary int64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** {@code DateTime64(3, ...)}: milliseconds since the epoch. */
    public RowBinary time(long epochMillis) {
        return int64(epochMillis);
    }

    /** {@code Nullable(DateTime64(3, ...))}, null when {@code epochMillis == none}. */
    public RowBinary nullableTime(long epochMillis, long none) {
        return nullableInt64(epochMillis, none);
    }

    /** {@code Nullable(Int64)}, null when {@code v == none}. */
    public RowBinary nullableInt64(long v, long none) {
        if (v == none) {
            return uint8(1);
        }
        return uint8(0).int64(v);
    }

    /** {@code Date}: days since 1970-01-01. */
    public RowBinary date(long epochDay) {
        if (epochDay < 0 || epochDay > 0xFFFF) {
            throw new IllegalArgumentException("A Date column holds 1970-01-01 to 2149-06-06; day " + epochDay + " is outside");
        }
        return uint16((int) epochDay);
    }

    /**
     * A {@code String} column (null as empty). An unpaired UTF-16 surrogate has no UTF-8 form: it is
     * written as U+FFFD, as {@link Tables#wellFormed} says.
     */
    public RowBinary string(String s) {
        byte[] bytes = s == null ? new byte[0] : Tables.wellFormed(s).getBytes(StandardCharsets.UTF_8);
        varint(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** {@code Array(UInt8)}. */
    public RowBinary uint8Array(int[] values) {
        varint(values.length);
        for (int v : values) {
            uint8(v);
        }
        return this;
    }

    private void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }
}
