package vn.ioc.dashboard;

import com.clickhouse.client.api.Client;
import vn.ioc.dashboard.kpi.KpiRepository;
import vn.ioc.dashboard.status.KafkaProgress;
import vn.ioc.dashboard.status.PipelineStatus;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.infra.schema.ClickHouseEndpoint;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the dashboard from the environment: IOC_DASHBOARD_PORT (8080), IOC_CLICKHOUSE_URL,
 * IOC_CLICKHOUSE_DATABASE, IOC_KAFKA_BOOTSTRAP, IOC_KAFKA_TOPIC, IOC_KAFKA_GROUP, IOC_FLINK_URL,
 * IOC_CATALOG_DIR.
 */
public final class DashboardMain {

    private DashboardMain() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        int port = Integer.parseInt(env.getOrDefault("IOC_DASHBOARD_PORT", "8080"));
        Catalogs catalogs = env.containsKey("IOC_CATALOG_DIR")
                ? Catalogs.load(Path.of(env.get("IOC_CATALOG_DIR"))) : Catalogs.loadDefault();
        ClickHouseEndpoint clickhouse = ClickHouseEndpoint.fromEnvironment(env);
        Client client = clickhouse.newClient();
        String bootstrap = env.get("IOC_KAFKA_BOOTSTRAP");
        KafkaProgress kafka = bootstrap == null ? null : new KafkaProgress(bootstrap,
                env.getOrDefault("IOC_KAFKA_TOPIC", "dossier-events"), env.getOrDefault("IOC_KAFKA_GROUP", "ioc-analytics"));
        PipelineStatus status = new PipelineStatus(client, kafka, env.get("IOC_FLINK_URL"));
        var app = new DashboardApp(catalogs, new KpiRepository(client), status).javalin();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            if (kafka != null) {
                kafka.close();
            }
            client.close();
        }, "dashboard-shutdown"));
        app.start("0.0.0.0", port);
        System.out.println("Dashboard listening on http://localhost:" + port);
    }
}
