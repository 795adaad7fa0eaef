package vn.ioc.infra.clickhouse;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Servers come and go in one JVM; the engine under them (one per process) and its data stay. */
class ServerRestartInProcessTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void closeThenStartOnTheSameDirectoryKeepsTheData() throws Exception {
        LocalClickHouse shared = LocalClickHouse.get();
        String db = shared.newDatabase("restart");
        Path dir = shared.server().dataDir();

        ClickHouseLocalServer first = ClickHouseLocalServer.start(dir, 0);
        post(first.url() + "/?database=" + db, "CREATE TABLE t (x UInt8) ENGINE = MergeTree ORDER BY x");
        post(first.url() + "/?database=" + db, "INSERT INTO t VALUES (7)");
        first.close();
        assertThatThrownBy(() -> post(first.url(), "SELECT 1")).isInstanceOf(ConnectException.class);

        try (ClickHouseLocalServer second = ClickHouseLocalServer.start(dir, 0)) {
            assertThat(post(second.url() + "/?database=" + db, "SELECT x FROM t")).isEqualTo("7\n");
        }
        assertThat(post(shared.url() + "/?database=" + db, "SELECT count() FROM t")).isEqualTo("1\n");
    }

    @Test
    void refusesASecondDataDirectoryInTheSameProcess() {
        LocalClickHouse.get();
        assertThatThrownBy(() -> ClickHouseLocalServer.start(Path.of("target/another-dir"), 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one data directory per process");
    }

    private String post(String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
