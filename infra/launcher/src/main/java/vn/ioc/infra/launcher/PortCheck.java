package vn.ioc.infra.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds, before anything starts, the ports another process already holds. */
public final class PortCheck {

    /** A port the launcher will listen on, what for, and the setting that moves it. */
    public record Requirement(int port, String purpose, String setting) {
        public String problem() {
            return "Port " + port + " (" + purpose + ") is in use; set " + setting
                    + " or stop the process holding it";
        }
    }

    private PortCheck() {
    }

    /** One message per port in use, in the order given; empty when every port is free. */
    public static List<String> problems(List<Requirement> requirements) {
        List<String> problems = new ArrayList<>();
        Map<Integer, Requirement> byPort = new HashMap<>();
        for (Requirement requirement : requirements) {
            Requirement other = byPort.putIfAbsent(requirement.port(), requirement);
            if (other != null) {
                problems.add("Port " + requirement.port() + " is configured for both " + other.purpose()
                        + " and " + requirement.purpose() + "; change " + requirement.setting());
            } else if (!isFree(requirement.port())) {
                problems.add(requirement.problem());
            }
        }
        return problems;
    }

    /**
     * Whether a server could listen on {@code port} on every interface. Binding the wildcard address
     * also fails when another process listens on a single address such as 127.0.0.1.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Connections of a process that just stopped linger in TIME_WAIT; they do not hold the port.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nobody listens on right now, chosen by the operating system. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    /** The ports the launcher's local parts will listen on, given what is external. */
    public static List<Requirement> requirements(LauncherConfig config) {
        List<Requirement> requirements = new ArrayList<>();
        if (config.externalClickhouseUrl().isEmpty()) {
            requirements.add(new Requirement(config.clickhousePort(), "ClickHouse HTTP", "IOC_CLICKHOUSE_PORT"));
        }
        if (config.externalKafkaBootstrap().isEmpty()) {
            requirements.add(new Requirement(config.kafkaPort(), "Kafka broker", "IOC_KAFKA_PORT"));
            requirements.add(new Requirement(config.kafkaControllerPort(), "Kafka controller, the Kafka port + 1",
                    "IOC_KAFKA_PORT"));
        }
        if (config.externalFlinkUrl().isEmpty()) {
            requirements.add(new Requirement(config.flinkPort(), "Flink web UI", "IOC_FLINK_PORT"));
            requirements.add(new Requirement(config.flinkRpcPort(), "Flink JobManager RPC", "IOC_FLINK_RPC_PORT"));
        }
        requirements.add(new Requirement(config.dashboardPort(), "dashboard", "IOC_DASHBOARD_PORT"));
        requirements.add(new Requirement(config.ingestPort(), "ingest endpoint", "IOC_INGEST_PORT"));
        return requirements;
    }
}
