package vn.ioc.infra.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LauncherArgsTest {

    @Test
    void demoIsTheDefaultCommand() {
        assertThat(LauncherArgs.parse(List.of()).command()).isEqualTo(LauncherArgs.Command.DEMO);
    }

    @Test
    void operatorFlagsBecomeSettings() {
        LauncherArgs args = LauncherArgs.parse(List.of("demo", "--config", "site.properties", "--no-simulator",
                "--catalog-dir", "catalogs", "--replay", "day.jsonl.gz"));

        assertThat(args.configFile()).contains(Path.of("site.properties"));
        assertThat(args.overrides()).isEqualTo(Map.of(
                LauncherConfig.Key.SIMULATOR_ENABLED, "false",
                LauncherConfig.Key.CATALOG_DIR, "catalogs",
                LauncherConfig.Key.REPLAY_FILE, "day.jsonl.gz"));
    }

    @Test
    void stopAndStatus() {
        assertThat(LauncherArgs.parse(List.of("stop")).command()).isEqualTo(LauncherArgs.Command.STOP);
        assertThat(LauncherArgs.parse(List.of("status", "--config", "x")).command()).isEqualTo(LauncherArgs.Command.STATUS);
    }

    @Test
    void rejectsUnknownArgumentsAndMissingValues() {
        assertThatThrownBy(() -> LauncherArgs.parse(List.of("--replay")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--replay needs a value");
        assertThatThrownBy(() -> LauncherArgs.parse(List.of("--catalog-dir", "--no-simulator")))
                .hasMessageStartingWith("--catalog-dir needs a value");
        assertThatThrownBy(() -> LauncherArgs.parse(List.of("--fast")))
                .hasMessageStartingWith("Unknown argument '--fast'");
    }
}
