package vn.ioc.infra.clickhouse;

import com.clickhouse.client.api.Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A ClickHouse for tests: one {@link ClickHouseLocalServer} per JVM (chDB allows one engine per process), started
 * on first use on a temporary data directory and a free port, removed when the JVM exits. Test classes isolate
 * themselves with {@link #newDatabase}.
 *
 * <pre>{@code
 * LocalClickHouse ch = LocalClickHouse.get();
 * String db = ch.newDatabase("ingest");
 * try (Client client = ch.client(db)) { ... }
 * }</pre>
 */
public final class LocalClickHouse {

    private static LocalClickHouse instance;
    private static final AtomicInteger databases = new AtomicInteger();

    private final ClickHouseLocalServer server;
    private final Path dataDir;

    private LocalClickHouse(ClickHouseLocalServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /** The JVM's ClickHouse, started on first call (about half a second; the first run on a machine fetches chDB). */
    public static synchronized LocalClickHouse get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("ioc-clickhouse-test-");
                instance = new LocalClickHouse(ClickHouseLocalServer.start(dir, 0), dir);
                instance.server.runAfterEngineShutdown(instance::deleteDataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    public ClickHouseLocalServer server() {
        return server;
    }

    /** JDBC URL of {@code database}, response compression off as this server needs. */
    public String jdbcUrl(String database) {
        return "jdbc:clickhouse:" + url() + "/" + database + "?compress=false";
    }

    /** Creates a database with a unique name starting with {@code prefix} and returns the name. */
    public String newDatabase(String prefix) {
        String name = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_"
                + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Client client = client("default")) {
            client.execute("CREATE DATABASE " + name).get().close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return name;
    }

    /** A client-v2 {@link Client} for {@code database}; close it when done. */
    public Client client(String database) {
        return configure(new Client.Builder(), database).build();
    }

    /** The builder {@link #client} uses, to add options before building. */
    public Client.Builder configure(Client.Builder builder, String database) {
        return builder.addEndpoint(url())
                .setUsername("default")
                .setPassword(ClickHouseLocalServer.configuredPassword())
                .setDefaultDatabase(database)
                .compressServerResponse(false)
                .compressClientRequest(false);
    }

    private void deleteDataDir() {
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }
}
