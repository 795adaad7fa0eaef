package vn.ioc.domain.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The lines of the shared example file, copied into the test resources. */
final class ExampleEvents {

    private ExampleEvents() {
    }

    static List<String> lines() {
        try (InputStream in = ExampleEvents.class.getResourceAsStream("/examples/events.jsonl")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
