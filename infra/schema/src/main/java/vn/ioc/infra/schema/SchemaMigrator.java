package vn.ioc.infra.schema;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Applies the versioned migrations of {@code clickhouse/migrations/} (listed in order in
 * {@code index.txt}) to a ClickHouse database. Idempotent: applied versions are recorded in
 * {@code schema_migrations} with a checksum, and every statement is written to be re-runnable, so a
 * start after a crash mid-migration finishes the job. Editing an applied migration is refused: add a
 * new one instead.
 */
public final class SchemaMigrator {

    private static final String RESOURCE_DIR = "/clickhouse/migrations/";

    public record Migration(int version, String name, String sql, String checksum) {
        public List<String> statements() {
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : sql.split("\n")) {
                String trimmed = line.strip();
                if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                    continue;
                }
                current.append(line).append('\n');
                if (trimmed.endsWith(";")) {
                    String stmt = current.toString().strip();
                    out.add(stmt.substring(0, stmt.length() - 1));
                    current.setLength(0);
                }
            }
            if (!current.toString().isBlank()) {
                out.add(current.toString().strip());
            }
            return out;
        }
    }

    private SchemaMigrator() {
    }

    /** {@link #migrate(ClickHouseEndpoint)} with the default user and IOC_CLICKHOUSE_PASSWORD. */
    public static List<Integer> migrate(String url, String database) {
        return migrate(ClickHouseEndpoint.of(url, database));
    }

    /** Creates the database if needed and applies what is missing; returns the versions applied now. */
    public static List<Integer> migrate(ClickHouseEndpoint endpoint) {
        try (Client admin = endpoint.withDatabase("default").newClient()) {
            run(admin, "CREATE DATABASE IF NOT EXISTS `" + endpoint.database() + "`");
        }
        try (Client client = endpoint.newClient()) {
            run(client, """
                    CREATE TABLE IF NOT EXISTS schema_migrations
                    (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC'))
                    ENGINE = MergeTree ORDER BY version""");
            Map<Integer, String> applied = appliedChecksums(client);
            List<Integer> appliedNow = new ArrayList<>();
            for (Migration m : bundled()) {
                String known = applied.get(m.version());
                if (known != null) {
                    if (!known.equals(m.checksum())) {
                        throw new IllegalStateException("Migration V" + m.version() + " (" + m.name()
                                + ") was changed after it was applied to " + endpoint.url() + "/" + endpoint.database()
                                + "; add a new migration instead of editing an applied one");
                    }
                    continue;
                }
                for (String stmt : m.statements()) {
                    run(client, stmt);
                }
                run(client, "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ("
                        + m.version() + ", '" + m.name().replace("'", "") + "', '" + m.checksum() + "', now64(3))");
                appliedNow.add(m.version());
            }
            return appliedNow;
        }
    }

    /** The migrations shipped with this build, in version order. */
    public static List<Migration> bundled() {
        List<Migration> out = new ArrayList<>();
        for (String file : resource("index.txt").split("\n")) {
            file = file.strip();
            if (file.isEmpty()) {
                continue;
            }
            if (!file.matches("V\\d{3}__[a-z0-9_]+\\.sql")) {
                throw new IllegalStateException("Migration file name must look like V001__what_it_does.sql: " + file);
            }
            String sql = resource(file);
            out.add(new Migration(Integer.parseInt(file.substring(1, 4)), file, sql, sha256(sql)));
        }
        return out;
    }

    private static Map<Integer, String> appliedChecksums(Client client) {
        Map<Integer, String> applied = new java.util.HashMap<>();
        for (GenericRecord r : client.queryAll("SELECT version, checksum FROM schema_migrations")) {
            applied.put(r.getInteger("version"), r.getString("checksum"));
        }
        return applied;
    }

    private static void run(Client client, String sql) {
        try {
            client.execute(sql).get(60, TimeUnit.SECONDS).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running: " + sql, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Schema statement failed: " + cause.getMessage() + "\n" + sql, cause);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration resource " + RESOURCE_DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code SchemaMigrator [url] [database]}: applies the migrations and prints what it did. */
    public static void main(String[] args) {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        String url = args.length > 0 ? args[0] : System.getenv().getOrDefault("IOC_CLICKHOUSE_URL", "http://127.0.0.1:8123");
        String db = args.length > 1 ? args[1] : System.getenv().getOrDefault("IOC_CLICKHOUSE_DATABASE", ClickHouseEndpoint.DEFAULT_DATABASE);
        List<Integer> applied = migrate(ClickHouseEndpoint.of(url, db));
        System.out.println(applied.isEmpty() ? "Schema of " + url + "/" + db + " is up to date"
                : "Applied migrations " + applied + " to " + url + "/" + db);
    }
}
