package vn.ioc.infra.launcher;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PortCheckTest {

    @Test
    void reportsAPortHeldByAnotherServerWithTheSettingToChange() throws IOException {
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int busy = holder.getLocalPort();
            int free = PortCheck.freePort();

            List<String> problems = PortCheck.problems(List.of(
                    new PortCheck.Requirement(free, "dashboard", "IOC_DASHBOARD_PORT"),
                    new PortCheck.Requirement(busy, "Flink web UI", "IOC_FLINK_PORT")));

            assertThat(problems).containsExactly("Port " + busy
                    + " (Flink web UI) is in use; set IOC_FLINK_PORT or stop the process holding it");
        }
    }

    @Test
    void aPortIsFreeAgainOnceItsServerCloses() throws IOException {
        int port;
        try (ServerSocket holder = new ServerSocket(0)) {
            port = holder.getLocalPort();
            assertThat(PortCheck.isFree(port)).isFalse();
        }
        assertThat(PortCheck.isFree(port)).isTrue();
    }

    @Test
    void reportsTwoPartsConfiguredOnTheSamePort() {
        int port = PortCheck.freePort();
        List<String> problems = PortCheck.problems(List.of(
                new PortCheck.Requirement(port, "Flink web UI", "IOC_FLINK_PORT"),
                new PortCheck.Requirement(port, "dashboard", "IOC_DASHBOARD_PORT")));

        assertThat(problems).containsExactly("Port " + port
                + " is configured for both Flink web UI and dashboard; change IOC_DASHBOARD_PORT");
    }

    @Test
    void externalPartsNeedNoLocalPort() {
        LauncherConfig local = LauncherConfig.from(new Properties(), Map.of(), Path.of("/srv"));
        LauncherConfig external = LauncherConfig.from(new Properties(), Map.of(
                "IOC_EXTERNAL_KAFKA_BOOTSTRAP", "kafka:9092", "IOC_EXTERNAL_FLINK_URL", "http://flink:8081",
                "IOC_EXTERNAL_CLICKHOUSE_URL", "http://ch:8123"), Path.of("/srv"));

        assertThat(PortCheck.requirements(local)).extracting(PortCheck.Requirement::port)
                .containsExactly(8123, 9092, 9093, 8081, 6123, 8080, 8090);
        assertThat(PortCheck.requirements(external)).extracting(PortCheck.Requirement::setting)
                .containsExactly("IOC_DASHBOARD_PORT", "IOC_INGEST_PORT");
    }
}
