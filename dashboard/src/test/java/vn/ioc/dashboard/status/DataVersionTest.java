package vn.ioc.dashboard.status;

import com.clickhouse.client.api.Client;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.ioc.infra.clickhouse.LocalClickHouse;
import vn.ioc.infra.schema.ClickHouseEndpoint;
import vn.ioc.infra.schema.SchemaMigrator;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live stream redraws when the fingerprint moves. Each table the pages read is written by a sink of
 * its own, at its own moment: an insert into any one of them alone must move the fingerprint, or the
 * last insert of a burst into that table would stay off the screens until the next event.
 */
class DataVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"events", "kpi_daily", "alerts", "alerts_by_resolution", "alert_transitions", "alert_daily",
            "late_dossiers"})
    void anInsertIntoOneTableAloneMovesTheFingerprint(String table) throws Exception {
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.of(LocalClickHouse.get().url(),
                LocalClickHouse.get().newDatabase("dataversion"));
        SchemaMigrator.migrate(endpoint);
        try (Client client = endpoint.newClient()) {
            DataVersion version = new DataVersion(client);
            String before = version.read().signature();
            // A row of default values: which row does not matter, only that the table grew.
            client.execute("INSERT INTO " + table + " FORMAT JSONEachRow {}").get(30, TimeUnit.SECONDS).close();
            assertThat(version.read().signature()).isNotEqualTo(before);
        }
    }
}
