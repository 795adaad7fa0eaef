package vn.ioc.infra.schema;

import com.clickhouse.client.api.Client;

import java.io.Serializable;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Where the ClickHouse of the product is: an HTTP URL (the local chDB server or any ClickHouse
 * server), a database and credentials. The same object configures the Flink sink, the dashboard and
 * the migrator, so a production deployment only changes the URL.
 */
public record ClickHouseEndpoint(String url, String database, String user, String password) implements Serializable {

    public static final String DEFAULT_DATABASE = "ioc";

    /** The setting that lets FINAL work partition by partition; exact for this schema only. */
    public static final String FINAL_WITHIN_PARTITIONS = "do_not_merge_across_partitions_select_final";

    public ClickHouseEndpoint {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("ClickHouse URL is required, e.g. http://127.0.0.1:8123");
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        database = database == null || database.isBlank() ? DEFAULT_DATABASE : database;
        user = user == null || user.isBlank() ? "default" : user;
        password = password == null ? "" : password;
    }

    public static ClickHouseEndpoint of(String url, String database) {
        return new ClickHouseEndpoint(url, database, null, System.getenv("IOC_CLICKHOUSE_PASSWORD"));
    }

    /** From IOC_CLICKHOUSE_URL, IOC_CLICKHOUSE_DATABASE, IOC_CLICKHOUSE_USER, IOC_CLICKHOUSE_PASSWORD. */
    public static ClickHouseEndpoint fromEnvironment(Map<String, String> env) {
        return new ClickHouseEndpoint(env.getOrDefault("IOC_CLICKHOUSE_URL", "http://127.0.0.1:8123"),
                env.get("IOC_CLICKHOUSE_DATABASE"), env.get("IOC_CLICKHOUSE_USER"), env.get("IOC_CLICKHOUSE_PASSWORD"));
    }

    public ClickHouseEndpoint withDatabase(String otherDatabase) {
        return new ClickHouseEndpoint(url, otherDatabase, user, password);
    }

    /** A client-v2 client for this endpoint; the caller closes it. */
    public Client newClient() {
        return new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password)
                .setDefaultDatabase(database)
                // The local chDB server answers uncompressed; a real server is fine either way.
                .compressServerResponse(false)
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(120, ChronoUnit.SECONDS)
                // Every table's partition key is a function of its sorting key (docs/schema.md), so the
                // rows FINAL must collapse always share a partition: it may treat partitions apart and
                // read a partition that is one merged part as it is, without merging it again.
                .serverSetting(FINAL_WITHIN_PARTITIONS, "1")
                .build();
    }

    /** The JDBC URL an analyst's tool uses for the same database. */
    public String jdbcUrl() {
        return "jdbc:clickhouse:" + url + "/" + database + "?compress=false";
    }
}
