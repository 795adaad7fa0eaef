package vn.ioc.ingest.input;

/**
 * One item of an input body or file, as bytes, before it is read as JSON: an element of a JSON
 * array, a line of JSON Lines, or a whole single-object body.
 *
 * @param index     position among the items of its input, from 0
 * @param line      the line of the input its first byte is on, from 1
 * @param bytes     its bytes, at most the item limit: the first bytes only when {@code truncated}
 * @param size      its real length in bytes
 * @param problem   a reason it is wrong found while splitting (too long, content after the array),
 *                  null when only reading it as JSON can tell
 */
public record RawItem(int index, long line, byte[] bytes, long size, String problem) {

    public boolean truncated() {
        return size > bytes.length;
    }
}
