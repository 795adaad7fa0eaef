package vn.ioc.domain.event;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import vn.ioc.domain.catalog.Catalogs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever arrives, validate() answers with a verdict that explains itself; it never throws. */
class EventValidatorPropertiesTest {

    private static final EventValidator VALIDATOR = new EventValidator(Catalogs.loadDefault());
    private static final List<String> EXAMPLES = ExampleEvents.lines();

    private static void assertExplained(Verdict v) {
        assertThat(v).isNotNull();
        if (v.accepted()) {
            assertThat(v.event()).isNotNull();
            assertThat(v.rejections()).isEmpty();
        } else {
            assertThat(v.event()).isNull();
            assertThat(v.rejections()).isNotEmpty()
                    .anySatisfy(r -> assertThat(r.reason()).isNotBlank());
            assertThat(v.rejections()).allSatisfy(r -> {
                assertThat(r.reason()).isNotBlank();
                assertThat(RejectionCode.valueOf(r.code())).isNotNull();
            });
        }
    }

    @Property(tries = 2000)
    void randomBytesNeverThrow(@ForAll @Size(max = 600) byte[] raw) {
        assertExplained(VALIDATOR.validate(raw));
    }

    @Property(tries = 1000)
    void randomStringsNeverThrow(@ForAll @Size(max = 300) String raw) {
        assertExplained(VALIDATOR.validate(raw));
        assertExplained(VALIDATOR.validate("{\"eventId\":" + raw + "}"));
    }

    @Property(tries = 3000)
    void byteMutationsOfValidEventsNeverThrow(@ForAll("mutatedBytes") byte[] raw) {
        assertExplained(VALIDATOR.validate(raw));
    }

    @Property(tries = 3000)
    void fieldMutationsOfValidEventsNeverThrow(@ForAll("mutatedFields") String raw) {
        assertExplained(VALIDATOR.validate(raw));
        assertExplained(VALIDATOR.validate(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<byte[]> mutatedBytes() {
        Arbitrary<byte[]> example = Arbitraries.of(EXAMPLES).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<List<int[]>> edits = Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(-128, 127))
                .as((kind, pos, value) -> new int[]{kind, pos, value})
                .list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(example, edits).as(EventValidatorPropertiesTest::applyEdits);
    }

    private static byte[] applyEdits(byte[] original, List<int[]> edits) {
        List<Byte> bytes = new ArrayList<>();
        for (byte b : original) {
            bytes.add(b);
        }
        for (int[] edit : edits) {
            int size = bytes.size();
            int pos = size == 0 ? 0 : edit[1] % size;
            byte value = (byte) edit[2];
            switch (edit[0]) {
                case 0 -> { if (size > 0) bytes.set(pos, value); }                      // overwrite
                case 1 -> bytes.add(Math.min(pos, size), value);                        // insert
                case 2 -> { if (size > 0) bytes.remove(pos); }                          // delete
                case 3 -> { if (size > 0) bytes.subList(pos, size).clear(); }           // truncate
                default -> { if (size > 0) bytes.addAll(pos, List.copyOf(bytes.subList(pos, Math.min(size, pos + 20)))); } // repeat
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    @Provide
    Arbitrary<String> mutatedFields() {
        List<String> fields = Arrays.asList("eventId", "dossierId", "type", "at", "unitCode", "procedureCode", "channel",
                "dueAt", "feeRequired", "digitized", "reusedData", "toUnitCode", "online", "newDueAt",
                "electronicResult", "byPost", "rating", "unexpected");
        Arbitrary<String> field = Arbitraries.of(fields);
        Arbitrary<String> value = jsonValues();
        Arbitrary<String> example = Arbitraries.of(EXAMPLES);
        return Combinators.combine(example, field, value, Arbitraries.integers().between(0, 2))
                .as((json, f, v, op) -> switch (op) {
                    case 0 -> replaceField(json, f, v);
                    case 1 -> removeField(json, f);
                    default -> replaceField(removeField(json, "type"), "type", "\"" + pickType(v) + "\"");
                });
    }

    private static String pickType(String seed) {
        EventType[] types = EventType.values();
        return types[Math.floorMod(seed.hashCode(), types.length)].name();
    }

    private static Arbitrary<String> jsonValues() {
        Arbitrary<String> strings = Arbitraries.strings().ofMaxLength(40).map(EventValidatorPropertiesTest::quote);
        Arbitrary<String> times = Arbitraries.of("\"2025-06-03T14:10:00+07:00\"", "\"2025-06-03T14:10:00\"",
                "\"0001-01-01T00:00:00Z\"", "\"+999999999-12-31T23:59:59.999999999-18:00\"", "\"2025-02-29T10:00:00+07:00\"",
                "\"20250603141000\"", "\"2025-06-03T24:00:00+07:00\"");
        Arbitrary<String> numbers = Arbitraries.of("0", "1", "2", "3", "-1", "1.5", "1e400", "-0", "1E-400",
                "123456789012345678901234567890", "9".repeat(200), "NaN", "Infinity");
        Arbitrary<String> literals = Arbitraries.of("true", "false", "null", "[]", "{}", "[[[[[[]]]]]]",
                "[".repeat(40) + "]".repeat(40), "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}", "\"\"", "\"\\u0000\"",
                "\"\\ud800\"", "\"COUNTER\"", "\"ONLINE\"", "\"000.00.12.H23\"", "\"1.001612\"");
        return Arbitraries.oneOf(strings, times, numbers, literals);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** Textual edits on purpose: the result need not be valid JSON, which is part of what is tested. */
    private static String replaceField(String json, String field, String rawValue) {
        String removed = removeField(json, field);
        return removed.substring(0, removed.length() - 1) + ",\"" + field + "\":" + rawValue + "}";
    }

    private static String removeField(String json, String field) {
        return json.replaceAll("\"" + field + "\":(\"[^\"]*\"|[^,}]*),?", "").replace(",}", "}");
    }
}
