package vn.ioc.ingest.input;

import java.io.IOException;

/** Reads the items of an input one at a time, so that an input is never held in memory whole. */
public interface ItemReader {

    /** The next item, or null at the end of the input. */
    RawItem next() throws IOException;

    /** Bytes consumed from the input so far. */
    long bytesRead();

    /** A problem of the input as a whole noticed so far (e.g. an array never closed), or null. */
    default String warning() {
        return null;
    }
}
