package vn.ioc.dashboard;

import com.clickhouse.client.api.Client;
import vn.ioc.dashboard.admin.Administration;
import vn.ioc.dashboard.admin.CatalogDirectory;
import vn.ioc.dashboard.admin.DeadLetterReplays;
import vn.ioc.dashboard.admin.KafkaDeadLetterReplays;
import vn.ioc.dashboard.auth.Passwords;
import vn.ioc.dashboard.auth.UserDirectory;
import vn.ioc.dashboard.status.KafkaProgress;
import vn.ioc.dashboard.status.PipelineStatus;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.infra.schema.ClickHouseEndpoint;
import vn.ioc.ingest.IngestDefaults;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

/**
 * Starts the dashboard from the environment: IOC_DASHBOARD_PORT (8080), IOC_CLICKHOUSE_URL,
 * IOC_CLICKHOUSE_DATABASE, IOC_KAFKA_BOOTSTRAP, IOC_KAFKA_TOPIC, IOC_KAFKA_DLQ_TOPIC (the dead letters the
 * administration replays), IOC_KAFKA_GROUP, IOC_FLINK_URL, IOC_CATALOG_DIR (also where an administrator
 * saves a corrected catalog), IOC_USERS_FILE (data/dashboard-users.properties, under the data directory
 * that ./ioc demo keeps out of git; created with demo users at first start, changed by administrators),
 * IOC_SESSION_IDLE_MINUTES (30), IOC_SESSION_MAX_HOURS (12), IOC_COOKIE_SECURE (false; true behind HTTPS).
 *
 * <p>{@code DashboardMain hash-password} reads a password (twice, not echoed) and prints its bcrypt hash
 * for the users file.
 */
public final class DashboardMain {

    private DashboardMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("hash-password")) {
            hashPassword();
            return;
        }
        Map<String, String> env = System.getenv();
        int port = Integer.parseInt(env.getOrDefault("IOC_DASHBOARD_PORT", "8080"));
        Path catalogDir = env.containsKey(IngestDefaults.ENV_CATALOG_DIR) ? Path.of(env.get(IngestDefaults.ENV_CATALOG_DIR)) : null;
        Catalogs catalogs = catalogDir != null ? Catalogs.load(catalogDir) : Catalogs.loadDefault();
        CatalogDirectory catalogDirectory = catalogDir != null ? CatalogDirectory.of(catalogDir) : CatalogDirectory.none();
        UserDirectory users = users(Path.of(env.getOrDefault("IOC_USERS_FILE", "data/dashboard-users.properties")), catalogs);
        ClickHouseEndpoint clickhouse = ClickHouseEndpoint.fromEnvironment(env);
        Client client = clickhouse.newClient();
        String bootstrap = env.get(IngestDefaults.ENV_BOOTSTRAP);
        String topic = env.getOrDefault(IngestDefaults.ENV_TOPIC, IngestDefaults.TOPIC);
        KafkaProgress kafka = bootstrap == null ? null
                : new KafkaProgress(bootstrap, topic, env.getOrDefault("IOC_KAFKA_GROUP", "ioc-analytics"));
        DeadLetterReplays replays = bootstrap == null ? DeadLetterReplays.notConfigured() : new KafkaDeadLetterReplays(bootstrap,
                topic, env.getOrDefault(IngestDefaults.ENV_DLQ_TOPIC, IngestDefaults.DLQ_TOPIC), catalogs);
        PipelineStatus status = new PipelineStatus(client, kafka, env.get("IOC_FLINK_URL"));
        DashboardApp.Options options = new DashboardApp.Options(
                Duration.ofMinutes(Long.parseLong(env.getOrDefault("IOC_SESSION_IDLE_MINUTES", "30"))),
                Duration.ofHours(Long.parseLong(env.getOrDefault("IOC_SESSION_MAX_HOURS", "12"))),
                Boolean.parseBoolean(env.getOrDefault("IOC_COOKIE_SECURE", "false")),
                Duration.ofMillis(500), clickhouse.jdbcUrl());
        var app = new DashboardApp(catalogs, client, status, users, new Administration(catalogDirectory, replays), options).javalin();
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

    /** The users file, written with demo users and random passwords (shown here, once) when it does not exist. */
    static UserDirectory users(Path file, Catalogs catalogs) {
        if (Files.exists(file)) {
            UserDirectory users = UserDirectory.load(file, catalogs.units());
            System.out.println("Users: " + users.users().size() + " from " + file.toAbsolutePath()
                    + ", wall screens: " + users.wallScreens());
            return users;
        }
        UserDirectory.Generated g = UserDirectory.generateDemo(file, catalogs.units());
        StringBuilder sb = new StringBuilder();
        sb.append("\n=== First start: demo users written to ").append(file.toAbsolutePath()).append(" ===\n")
                .append("These passwords are shown once and stored only as bcrypt hashes; write them down or change them.\n");
        for (String[] u : g.users()) {
            sb.append(String.format("  %-12s %-16s %-16s password: %s%n", u[0], u[2], u[3], u[1]));
        }
        sb.append("  Wall screen token (read-only, the wall display only): ").append(g.wallToken()).append('\n')
                .append("  Open the wall at /?kiosk=1&token=").append(g.wallToken()).append("\n\n");
        System.out.print(sb);
        // Like a first-start admin password: kept beside the users file, readable by its owner only,
        // so the person who started the product can sign in; delete it once the passwords are changed.
        Path credentials = firstStartCredentials(file);
        try {
            Files.writeString(credentials, sb.toString().strip() + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            System.err.println("Could not keep the first-start credentials in " + credentials + ": " + e.getMessage());
        }
        return UserDirectory.load(file, catalogs.units());
    }

    /** Where the first start leaves the demo passwords and the wall token for the operator. */
    public static Path firstStartCredentials(Path usersFile) {
        return usersFile.resolveSibling("first-start-credentials.txt");
    }

    private static void hashPassword() throws IOException {
        Console console = System.console();
        String password;
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] second = console.readPassword("Again: ");
            if (first == null || !new String(first).equals(new String(second))) {
                System.err.println("The two passwords differ");
                System.exit(2);
                return;
            }
            password = new String(first);
        } else {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        String weakness = Passwords.weakness(password, null);
        if (weakness != null) {
            System.err.println("Refused: " + weakness);
            System.exit(2);
            return;
        }
        System.out.println(Passwords.hash(password));
    }
}
