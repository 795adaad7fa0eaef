package vn.ioc.ingest.input;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ItemReadersTest {

    private static List<RawItem> read(String body, ItemReaders.Format format, int max) throws IOException {
        return read(body.getBytes(StandardCharsets.UTF_8), format, max);
    }

    private static List<RawItem> read(byte[] body, ItemReaders.Format format, int max) throws IOException {
        ItemReader r = ItemReaders.open(new ByteArrayInputStream(body), format, max);
        List<RawItem> items = new ArrayList<>();
        RawItem i;
        while ((i = r.next()) != null) {
            items.add(i);
        }
        return items;
    }

    private static List<String> texts(List<RawItem> items) {
        return items.stream().map(i -> new String(i.bytes(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void jsonLinesSkipsBlankLinesAndKeepsLineNumbers() throws IOException {
        List<RawItem> items = read("{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":3}", ItemReaders.Format.JSON_LINES, 100);
        assertThat(texts(items)).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        assertThat(items).extracting(RawItem::line).containsExactly(1L, 4L, 5L);
        assertThat(items).extracting(RawItem::index).containsExactly(0, 1, 2);
    }

    @Test
    void aLineOverTheLimitKeepsItsFirstBytesAndSaysHowLongItWas() throws IOException {
        String longLine = "x".repeat(250);
        List<RawItem> items = read("{}\n" + longLine + "\n{}\n", ItemReaders.Format.JSON_LINES, 100);
        assertThat(items).hasSize(3);
        RawItem big = items.get(1);
        assertThat(big.bytes()).hasSize(100);
        assertThat(big.size()).isEqualTo(250);
        assertThat(big.truncated()).isTrue();
        assertThat(big.problem()).contains("250 bytes");
        assertThat(items.get(2).problem()).isNull();
    }

    @Test
    void arrayElementsAreSplitAtTopLevelCommasOnly() throws IOException {
        String body = "\uFEFF [ {\"a\":\"x,]}\\\"y\",\"n\":[1,2,{\"z\":[]}]} ,\n {\"b\":2}\n]  ";
        List<RawItem> items = read(body, ItemReaders.Format.JSON, 1000);
        assertThat(texts(items)).containsExactly("{\"a\":\"x,]}\\\"y\",\"n\":[1,2,{\"z\":[]}]}", "{\"b\":2}");
        assertThat(items.get(1).line()).isEqualTo(2);
    }

    @Test
    void anEmptyArrayHasNoItemsButEmptyElementsAreItems() throws IOException {
        assertThat(read("[ ]", ItemReaders.Format.JSON, 100)).isEmpty();
        List<RawItem> items = read("[{},,{}, ]", ItemReaders.Format.JSON, 100);
        assertThat(texts(items)).containsExactly("{}", "", "{}", "");
        assertThat(items.get(1).problem()).contains("empty array element");
    }

    @Test
    void brokenElementsDoNotLoseTheirNeighbours() throws IOException {
        List<RawItem> items = read("[{\"a\":1}, {\"b\": tru}, 42, \"s\", {\"c\":3}]", ItemReaders.Format.JSON, 100);
        assertThat(texts(items)).containsExactly("{\"a\":1}", "{\"b\": tru}", "42", "\"s\"", "{\"c\":3}");
    }

    @Test
    void contentAfterTheArrayIsAnItemWithAProblem() throws IOException {
        List<RawItem> items = read("[{\"a\":1}] {\"b\":2}", ItemReaders.Format.JSON, 100);
        assertThat(items).hasSize(2);
        assertThat(items.get(1).problem()).contains("after the end");
    }

    @Test
    void anUnclosedArrayYieldsWhatWasThereAndWarns() throws IOException {
        ItemReader r = ItemReaders.open(new ByteArrayInputStream("[{\"a\":1},{\"b\":".getBytes(StandardCharsets.UTF_8)),
                ItemReaders.Format.JSON, 100);
        assertThat(new String(r.next().bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(new String(r.next().bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"b\":");
        assertThat(r.next()).isNull();
        assertThat(r.warning()).contains("before the JSON array is closed");
    }

    @Test
    void deepNestingIsJustCountedAndOversizedElementsAreCut() throws IOException {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        List<RawItem> items = read("[" + deep + ",{}]", ItemReaders.Format.JSON, 1000);
        assertThat(items).hasSize(2);
        assertThat(items.get(0).size()).isEqualTo(10_000);
        assertThat(items.get(0).bytes()).hasSize(1000);
        assertThat(items.get(0).problem()).contains("10000 bytes");
        assertThat(texts(items).get(1)).isEqualTo("{}");
    }

    @Test
    void aSingleObjectIsOneItemAndInvalidUtf8PassesThroughUntouched() throws IOException {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        List<RawItem> items = read(body, ItemReaders.Format.JSON, 100);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).bytes()).isEqualTo(body);
        assertThat(read("   ", ItemReaders.Format.JSON, 100)).isEmpty();
    }

    @Test
    void itemsCanSpanManyReadsOfOneByte() throws IOException {
        byte[] body = "[{\"a\":\"1\"},{\"b\":\"2\"}]".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < body.length ? body[i++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
        ItemReader r = ItemReaders.open(trickle, ItemReaders.Format.JSON, 100);
        assertThat(new String(r.next().bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"1\"}");
        assertThat(new String(r.next().bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"b\":\"2\"}");
        assertThat(r.next()).isNull();
        assertThat(r.bytesRead()).isEqualTo(body.length);
    }
}
