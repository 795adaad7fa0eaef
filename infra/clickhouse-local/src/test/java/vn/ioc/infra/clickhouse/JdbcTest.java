package vn.ioc.infra.clickhouse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official JDBC driver, unmodified, against the local server. */
class JdbcTest {

    static LocalClickHouse ch;
    static String db;

    @BeforeAll
    static void start() {
        ch = LocalClickHouse.get();
        db = ch.newDatabase("jdbc");
    }

    static Connection connect() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "default");
        properties.setProperty("password", ClickHouseLocalServer.configuredPassword());
        return DriverManager.getConnection(ch.jdbcUrl(db), properties);
    }

    @Test
    void selects() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT number, toString(number) AS s FROM numbers(5) ORDER BY number")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong(1) + "=" + rs.getString("s"));
            }
            assertThat(rows).containsExactly("0=0", "1=1", "2=2", "3=3", "4=4");
        }
    }

    @Test
    void insertsABatchWithAPreparedStatement() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE batch (id UInt32, office String, at DateTime64(3, 'UTC')) "
                    + "ENGINE = MergeTree ORDER BY id");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO batch (id, office, at) VALUES (?, ?, ?)")) {
                for (int i = 0; i < 5000; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "Phòng " + i + " " + "y".repeat(40));
                    insert.setTimestamp(3, Timestamp.from(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i)));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(), sum(id), max(at) FROM batch")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(5000);
                assertThat(rs.getLong(2)).isEqualTo(4999L * 5000 / 2);
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT office FROM batch WHERE id = ?")) {
                select.setInt(1, 4999);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("Phòng 4999 " + "y".repeat(40));
                }
            }
        }
    }

    @Test
    void describesTheDatabase() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE meta (id UInt64, name Nullable(String)) ENGINE = MergeTree ORDER BY id");
            DatabaseMetaData meta = connection.getMetaData();
            assertThat(meta.getDatabaseProductName()).isEqualTo("ClickHouse");
            assertThat(meta.getDatabaseProductVersion()).startsWith("26.");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, db, "%", null)) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).contains("meta");
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, db, "meta", null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
                }
            }
            assertThat(columns).containsExactly("id:UInt64", "name:Nullable(String)");
        }
    }

    @Test
    void surfacesServerErrors() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("UNKNOWN_TABLE");
        }
    }
}
