package vn.ioc.dashboard.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, driven over the Chrome DevTools Protocol on a WebSocket of the JDK:
 * no driver and no browser download. One browser per instance, with a fresh profile directory.
 */
public final class Chromium implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private Chromium(Process process, Path profile, String wsUrl) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(wsUrl), new Listener()).get(10, TimeUnit.SECONDS);
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    public static Chromium launch() throws Exception {
        Path profile = Files.createTempDirectory("ioc-chromium-");
        Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio", "--lang=vi-VN",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = err.readLine()) != null) {
                    lines.add(line);
                    Matcher m = DEVTOOLS.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // the browser went away
            }
            url.completeExceptionally(new IllegalStateException("Chromium exited: " + String.join("\n", lines)));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            Chromium c = new Chromium(p, profile, url.get(30, TimeUnit.SECONDS));
            c.stderr.addAll(lines);
            return c;
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** A command to the browser (sessionId null) or to an attached page. */
    JsonNode send(String sessionId, String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        synchronized (socket) {
            socket.sendText(msg.toString(), true).join();
        }
        try {
            JsonNode reply = f.get(60, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + ": " + reply.get("error"));
            }
            return reply.path("result");
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(method, e);
        } finally {
            pending.remove(id);
        }
    }

    void onEvent(Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    public Page newPage(int width, int height) {
        String targetId = send(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        String sessionId = send(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true)).get("sessionId").asText();
        return new Page(this, targetId, sessionId, width, height);
    }

    /** Downloads land in {@code dir}; {@code Browser.downloadProgress} events tell when they complete. */
    public void downloadTo(Path dir) {
        send(null, "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", dir.toString(), "eventsEnabled", true));
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    JsonNode node = JSON.readTree(message);
                    if (node.has("id")) {
                        CompletableFuture<JsonNode> f = pending.get(node.get("id").asInt());
                        if (f != null) {
                            f.complete(node);
                        }
                    } else {
                        for (Consumer<JsonNode> l : listeners) {
                            l.accept(node);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        // Chromium's helper processes (renderer, zygote) outlive the browser process by a moment and
        // keep writing to the profile: stop them all before removing it.
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle helper : helpers) {
            helper.destroyForcibly();
            helper.onExit().get(5, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // a temporary directory: what is left there is only disk space
        }
    }

    List<String> stderr() {
        return new ArrayList<>(stderr);
    }
}
