package vn.ioc.infra.clickhouse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as its own process, as the launcher runs it. chDB cannot start twice in one JVM, so restarts are
 * proven with child JVMs.
 */
class ServerProcessTest {

    private static final Pattern READY = Pattern.compile("listening on (http://\\S+), data in");
    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @AfterEach
    void stopChildren() throws Exception {
        for (Process p : started) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void dataSurvivesARestartAndSigtermShutsDownCleanly() throws Exception {
        Server first = launch(dataDir, 0);
        post(first.url, "CREATE TABLE kept (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
        post(first.url + "/?query=" + java.net.URLEncoder.encode("INSERT INTO kept FORMAT CSV", StandardCharsets.UTF_8),
                "1,một\n2,hai\n");
        first.process.destroy(); // SIGTERM
        assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process.exitValue()).isEqualTo(143); // 128 + SIGTERM: terminated by the signal, not crashed
        assertThat(first.output()).doesNotContain("A fatal error has been detected");

        Server second = launch(dataDir, 0);
        assertThat(post(second.url, "SELECT id, name FROM kept ORDER BY id")).isEqualTo("1\tmột\n2\thai\n");
    }

    @Test
    void refusesADataDirectoryInUseWithExitCode2() throws Exception {
        launch(dataDir, 0);
        Process second = start(dataDir, 0);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(2);
        assertThat(new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("in use by another process");
    }

    @Test
    void refusesATakenPortWithExitCode2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process process = start(dataDir, taken.getLocalPort());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("Port " + taken.getLocalPort()).contains("already in use");
        }
    }

    private Process start(Path dir, int port) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ClickHouseLocalServer.class.getName(), "--port", String.valueOf(port), "--data-dir", dir.toString())
                .redirectErrorStream(true).start();
        started.add(process);
        return process;
    }

    private Server launch(Path dir, int port) throws Exception {
        Process process = start(dir, port);
        StringBuilder output = new StringBuilder();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
                url.completeExceptionally(new IllegalStateException("Server exited:\n" + output));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        });
        pump.setDaemon(true);
        pump.start();
        return new Server(process, url.get(60, TimeUnit.SECONDS), output);
    }

    private String post(String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private record Server(Process process, String url, StringBuilder out) {
        String output() {
            synchronized (out) {
                return out.toString();
            }
        }
    }
}
