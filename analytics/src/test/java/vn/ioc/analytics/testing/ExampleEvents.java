package vn.ioc.analytics.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The four example dossiers of the domain reference (shared/domain/examples/events.jsonl). */
public final class ExampleEvents {

    private ExampleEvents() {
    }

    public static List<String> lines() {
        try (InputStream in = ExampleEvents.class.getResourceAsStream("/example-events.jsonl")) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
