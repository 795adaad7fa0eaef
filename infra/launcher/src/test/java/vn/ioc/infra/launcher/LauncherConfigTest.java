package vn.ioc.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LauncherConfigTest {

    private static final Path WORK = Path.of("/srv/ioc");

    @Test
    void defaultsWhenNothingIsSet() {
        LauncherConfig config = LauncherConfig.from(new Properties(), Map.of(), WORK);

        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/ioc/data"));
        assertThat(config.logDir()).isEqualTo(Path.of("/srv/ioc/data/logs"));
        assertThat(config.clickhousePort()).isEqualTo(8123);
        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.kafkaControllerPort()).isEqualTo(9093);
        assertThat(config.flinkPort()).isEqualTo(8081);
        assertThat(config.dashboardPort()).isEqualTo(8080);
        assertThat(config.ingestPort()).isEqualTo(8090);
        assertThat(config.get(LauncherConfig.Key.SIMULATOR_SPEED)).isEqualTo("60");
        assertThat(config.get(LauncherConfig.Key.SIMULATOR_SEED)).isEqualTo("42");
        assertThat(config.topic()).isEqualTo("dossier-events");
        assertThat(config.topicPartitions()).isEqualTo(4);
        assertThat(config.dlqTopic()).isEqualTo("dossier-events-dlq");
        assertThat(config.dlqTopicPartitions()).isEqualTo(1);
        assertThat(config.simulatorEnabled()).isTrue();
        assertThat(config.catalogDir()).isEmpty();
        assertThat(config.replayFile()).isEmpty();
        assertThat(config.clickhouseUrl()).isEqualTo("http://127.0.0.1:8123");
        assertThat(config.kafkaBootstrap()).isEqualTo("localhost:9092");
        assertThat(config.flinkUrl()).isEqualTo("http://localhost:8081");
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() {
        Properties file = new Properties();
        file.setProperty("kafka.port", "19092");
        file.setProperty("flink.port", "18081");
        file.setProperty("IOC_DASHBOARD_PORT", "18080");
        file.setProperty("data.dir", "state");

        LauncherConfig config = LauncherConfig.from(file, Map.of("IOC_FLINK_PORT", "28081"), WORK);

        assertThat(config.kafkaPort()).as("from the file").isEqualTo(19092);
        assertThat(config.kafkaControllerPort()).isEqualTo(19093);
        assertThat(config.dashboardPort()).as("the file may use the variable's name").isEqualTo(18080);
        assertThat(config.flinkPort()).as("the environment wins over the file").isEqualTo(28081);
        assertThat(config.clickhousePort()).as("untouched default").isEqualTo(8123);
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/ioc/state"));
    }

    @Test
    void commandLineOverridesEnvironment() {
        LauncherConfig config = LauncherConfig.from(new Properties(),
                Map.of("IOC_CATALOG_DIR", "/etc/ioc/catalogs", "IOC_SIMULATOR_ENABLED", "true"), WORK)
                .with(Map.of(LauncherConfig.Key.CATALOG_DIR, "mine", LauncherConfig.Key.SIMULATOR_ENABLED, "false"));

        assertThat(config.catalogDir()).contains(Path.of("/srv/ioc/mine"));
        assertThat(config.simulatorEnabled()).isFalse();
    }

    @Test
    void emptyEnvironmentValueDoesNotOverride() {
        Properties file = new Properties();
        file.setProperty("external.flink.url", "http://flink.example:8081/");

        LauncherConfig config = LauncherConfig.from(file, Map.of("IOC_EXTERNAL_FLINK_URL", "", "IOC_KAFKA_PORT", " "), WORK);

        assertThat(config.externalFlinkUrl()).contains("http://flink.example:8081");
        assertThat(config.flinkUrl()).isEqualTo("http://flink.example:8081");
        assertThat(config.kafkaPort()).isEqualTo(9092);
    }

    @Test
    void externalPartsReplaceLocalAddresses() {
        LauncherConfig config = LauncherConfig.from(new Properties(), Map.of(
                "IOC_EXTERNAL_CLICKHOUSE_URL", "https://ch.example:8443",
                "IOC_EXTERNAL_KAFKA_BOOTSTRAP", "k1:9092,k2:9092"), WORK);

        assertThat(config.clickhouseUrl()).isEqualTo("https://ch.example:8443");
        assertThat(config.kafkaBootstrap()).isEqualTo("k1:9092,k2:9092");
        assertThat(config.externalFlinkUrl()).isEmpty();
    }

    @Test
    void propertyKeysDeriveFromVariableNames() {
        assertThat(LauncherConfig.Key.EXTERNAL_KAFKA_BOOTSTRAP.property()).isEqualTo("external.kafka.bootstrap");
        assertThat(LauncherConfig.Key.DATA_DIR.property()).isEqualTo("data.dir");
    }

    @Test
    void rejectsInvalidValuesNamingTheSetting() {
        assertThatThrownBy(() -> LauncherConfig.from(new Properties(), Map.of("IOC_KAFKA_PORT", "kafka"), WORK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IOC_KAFKA_PORT").hasMessageContaining("'kafka'");
        assertThatThrownBy(() -> LauncherConfig.from(new Properties(), Map.of("IOC_FLINK_PORT", "70000"), WORK))
                .hasMessageContaining("IOC_FLINK_PORT");
        assertThatThrownBy(() -> LauncherConfig.from(new Properties(), Map.of("IOC_KAFKA_PORT", "65535"), WORK))
                .hasMessageContaining("controller");
        assertThatThrownBy(() -> LauncherConfig.from(new Properties(), Map.of("IOC_SIMULATOR_ENABLED", "yes"), WORK))
                .hasMessageContaining("IOC_SIMULATOR_ENABLED");
    }

    @Test
    void loadsIocPropertiesFromTheWorkingDirectoryWhenPresent(@TempDir Path dir) throws IOException {
        assertThat(LauncherConfig.load(Optional.empty(), Map.of(), dir).kafkaPort()).isEqualTo(9092);

        Files.writeString(dir.resolve("ioc.properties"), "kafka.port=29092\n");
        assertThat(LauncherConfig.load(Optional.empty(), Map.of(), dir).kafkaPort()).isEqualTo(29092);

        Path other = dir.resolve("other.properties");
        Files.writeString(other, "kafka.port=39092\n");
        assertThat(LauncherConfig.load(Optional.of(other), Map.of(), dir).kafkaPort()).isEqualTo(39092);

        assertThatThrownBy(() -> LauncherConfig.load(Optional.of(dir.resolve("missing.properties")), Map.of(), dir))
                .hasMessageContaining("missing.properties");
    }
}
