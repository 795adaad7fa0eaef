package vn.ioc.infra.clickhouse;

import java.nio.file.Path;
import java.util.Map;

/** Command line of {@link ClickHouseLocalServer#main}: flags win over environment, which wins over defaults. */
record LaunchOptions(String host, int port, Path dataDir) {

    static final String USAGE = "Usage: ClickHouseLocalServer [--port 8123] [--host 127.0.0.1] "
            + "[--data-dir ./data/clickhouse]   (env IOC_CLICKHOUSE_PORT, IOC_CLICKHOUSE_DATA)";

    static LaunchOptions parse(String[] args, Map<String, String> env) {
        String host = "127.0.0.1";
        String port = env.getOrDefault("IOC_CLICKHOUSE_PORT", String.valueOf(ClickHouseLocalServer.DEFAULT_PORT));
        String dataDir = env.getOrDefault("IOC_CLICKHOUSE_DATA", "./data/clickhouse");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            String name;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg;
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value for " + arg);
                }
                value = args[++i];
            }
            switch (name) {
                case "--port" -> port = value;
                case "--host" -> host = value;
                case "--data-dir" -> dataDir = value;
                default -> throw new IllegalArgumentException("Unknown option " + name);
            }
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a port number: " + port);
        }
        if (portNumber < 0 || portNumber > 65535) {
            throw new IllegalArgumentException("Not a port number: " + port);
        }
        return new LaunchOptions(host, portNumber, Path.of(dataDir));
    }
}
