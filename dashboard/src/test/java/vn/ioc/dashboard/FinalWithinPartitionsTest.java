package vn.ioc.dashboard;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import org.junit.jupiter.api.Test;
import vn.ioc.infra.clickhouse.LocalClickHouse;
import vn.ioc.infra.schema.ClickHouseEndpoint;
import vn.ioc.infra.schema.SchemaMigrator;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients read with {@code do_not_merge_across_partitions_select_final} (ClickHouseEndpoint):
 * FINAL is exact only if the rows it collapses (equal sorting keys) always share a partition. That
 * holds when every partition-key column is also a sorting-key column; this test fails as soon as a
 * migration partitions a table by anything else.
 */
class FinalWithinPartitionsTest {

    /**
     * events is partitioned by the month of {@code at}, which is not in its key (dossier, event id):
     * a repeated event id is the same event, with the same time. No product query reads it with
     * FINAL (timelines use LIMIT 1 BY), and the SQL console asks FINAL to merge across partitions.
     */
    private static final Map<String, String> ALLOWED = Map.of("events", "at");

    @Test
    void everyPartitionKeyColumnIsInTheSortingKey() throws Exception {
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.of(LocalClickHouse.get().url(), LocalClickHouse.get().newDatabase("finalparts"));
        SchemaMigrator.migrate(endpoint);
        Map<String, String> outside = new TreeMap<>();
        int partitioned = 0;
        try (Client client = endpoint.newClient()) {
            for (GenericRecord r : client.queryAll("""
                    SELECT table, arrayStringConcat(groupArrayIf(name, is_in_partition_key AND NOT is_in_sorting_key), ',') AS outside,
                           countIf(is_in_partition_key) AS partition_columns
                    FROM system.columns WHERE database = currentDatabase()
                    GROUP BY table ORDER BY table
                    """)) {
                if (r.getLong("partition_columns") > 0) {
                    partitioned++;
                }
                if (!r.getString("outside").isEmpty()) {
                    outside.put(r.getString("table"), r.getString("outside"));
                }
            }
        }
        assertThat(partitioned).as("tables partitioned by a column").isGreaterThanOrEqualTo(3);
        assertThat(outside).isEqualTo(ALLOWED);
    }
}
