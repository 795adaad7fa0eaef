package vn.ioc.infra.launcher;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The launcher's command line: a command ({@code demo}, {@code stop}, {@code status}) and operator flags. */
public record LauncherArgs(Command command, Optional<Path> configFile, Map<LauncherConfig.Key, String> overrides) {

    public enum Command { DEMO, STOP, STATUS, HELP }

    public static final String USAGE = """
            Usage: ./ioc demo   [--config FILE] [--no-simulator] [--catalog-dir DIR] [--replay FILE.jsonl[.gz]]
                   ./ioc stop   [--config FILE]
                   ./ioc status [--config FILE]
                   ./ioc test
                   ./ioc help

              demo            start ClickHouse, Kafka, Flink, the analytics job, the dashboard and the
                              simulator on this machine; Ctrl-C stops everything and keeps the data
              stop            stop a launcher started elsewhere (it reads DATA/ioc.pids)
              status          show the processes of a running launcher and whether its URLs answer
              test            run the whole test suite (./mvnw -B verify)

              --config FILE   settings file (default ./ioc.properties when present)
              --no-simulator  do not start the province simulator
              --catalog-dir DIR  unit, procedure and calendar CSV files for the job, dashboard, simulator
              --replay FILE   publish the events of a JSON Lines file (optionally gzipped) once,
                              instead of running the simulator

            Settings (property key / environment variable, see docs/running.md): data.dir / IOC_DATA_DIR,
            clickhouse.port / IOC_CLICKHOUSE_PORT, kafka.port / IOC_KAFKA_PORT, flink.port / IOC_FLINK_PORT,
            dashboard.port / IOC_DASHBOARD_PORT, external.kafka.bootstrap / IOC_EXTERNAL_KAFKA_BOOTSTRAP, ...
            """;

    public static LauncherArgs parse(List<String> args) {
        Command command = Command.DEMO;
        Optional<Path> configFile = Optional.empty();
        Map<LauncherConfig.Key, String> overrides = new EnumMap<>(LauncherConfig.Key.class);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "demo", "run", "start" -> command = Command.DEMO;
                case "stop" -> command = Command.STOP;
                case "status" -> command = Command.STATUS;
                case "help", "--help", "-h" -> command = Command.HELP;
                case "--config" -> configFile = Optional.of(Path.of(value(args, ++i, arg)));
                case "--no-simulator" -> overrides.put(LauncherConfig.Key.SIMULATOR_ENABLED, "false");
                case "--catalog-dir" -> overrides.put(LauncherConfig.Key.CATALOG_DIR, value(args, ++i, arg));
                case "--replay" -> overrides.put(LauncherConfig.Key.REPLAY_FILE, value(args, ++i, arg));
                default -> throw new IllegalArgumentException("Unknown argument '" + arg + "'\n\n" + USAGE);
            }
        }
        return new LauncherArgs(command, configFile, Map.copyOf(overrides));
    }

    private static String value(List<String> args, int index, String flag) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value\n\n" + USAGE);
        }
        return args.get(index);
    }
}
