package vn.ioc.dashboard;

import com.clickhouse.client.api.Client;
import vn.ioc.dashboard.admin.Administration;
import vn.ioc.dashboard.admin.CatalogDirectory;
import vn.ioc.dashboard.auth.UserDirectory;
import vn.ioc.dashboard.status.PipelineStatus;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.infra.clickhouse.LocalClickHouse;
import vn.ioc.infra.schema.ClickHouseEndpoint;
import vn.ioc.infra.schema.SchemaMigrator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small province in March 2026, written straight into the tables the dashboard reads:
 * <ul>
 *   <li>Sở Xây dựng (DEPARTMENT): 10 received on 1 March (4 online); on 5 March 3 early, 2 on time,
 *       1 late, 2 overdue; dossier D1 ended late (due 6 March, completed 10 March: 4 days), D3 open and
 *       at risk from 30 March, D5 never received.</li>
 *   <li>Sở Tư pháp: 4 received and 4 ended early on 3 March (D4).</li>
 *   <li>Thị trấn Nàng Mau (a commune of Huyện Vị Thủy): 5 received on 31 March; D2 overdue from 10 March.</li>
 * </ul>
 * The newest event is at 2026-03-31 10:00 (+07:00). kpi_procedure_daily is derived from the dossiers' rows
 * ({@code DerivedKpiTables}), so it sums what D1 to D5 say, not the hand-written kpi_daily.
 */
public final class DashboardFixture {

    public static final String PROVINCE = TestUsers.PROVINCE;
    public static final String DEPARTMENT = TestUsers.DEPARTMENT;
    public static final String JUSTICE = "000.00.11.H23";
    public static final String DISTRICT = TestUsers.DISTRICT;
    public static final String COMMUNE = TestUsers.DISTRICT_COMMUNE;
    public static final String D1 = DEPARTMENT + "-260302-0001";
    public static final String D2 = COMMUNE + "-260303-0002";
    public static final String D3 = DEPARTMENT + "-260325-0003";
    public static final String D4 = JUSTICE + "-260304-0004";
    public static final String D5 = DEPARTMENT + "-260305-0005";

    public final ClickHouseEndpoint endpoint;
    public final Client client;
    public final Catalogs catalogs = Catalogs.loadDefault();

    private DashboardFixture(ClickHouseEndpoint endpoint) {
        this.endpoint = endpoint;
        this.client = endpoint.newClient();
    }

    public static DashboardFixture create(String name) throws Exception {
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.of(LocalClickHouse.get().url(), LocalClickHouse.get().newDatabase(name));
        SchemaMigrator.migrate(endpoint);
        DashboardFixture f = new DashboardFixture(endpoint);
        f.load();
        return f;
    }

    public DashboardApp app() {
        return TestUsers.app(catalogs, client, new PipelineStatus(client, null, null));
    }

    /** An app whose users and administration the test gives (a users file, a catalog directory, a replay). */
    public DashboardApp app(UserDirectory users, Administration administration) {
        return TestUsers.app(catalogs, client, new PipelineStatus(client, null, null), users, administration);
    }

    /** The sample province's three catalog files copied into {@code dir}: an operator's catalog directory. */
    public static Path catalogDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : CatalogDirectory.FILES) {
            try (InputStream in = Catalogs.class.getResourceAsStream("/catalog/default/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir;
    }

    public void execute(String sql) throws Exception {
        client.execute(sql).get().close();
    }

    /**
     * Fills alert_transitions, alert_daily, late_dossiers and alerts_by_resolution from the rows in
     * dossiers and alerts, as the job keeps them: after the fixture's rows, and again after a test
     * adds its own.
     */
    public void deriveJobTables() throws Exception {
        for (String sql : vn.ioc.dashboard.bench.DerivedAlertTables.statements()) {
            execute(sql);
        }
        for (String sql : vn.ioc.dashboard.bench.DerivedLateListTables.statements()) {
            execute(sql);
        }
    }

    private void load() throws Exception {
        execute("INSERT INTO kpi_daily (unit_code, day, received, early, on_time, late, withdrawn, open_delta, overdue_delta, "
                + "online_received, fee_bearing, paid_online, completed, electronic_results, ratings, satisfied, "
                + "rated_unsatisfied, digitized_received, reused_data_received, processing_working_seconds, version) VALUES "
                + "('" + DEPARTMENT + "', '2026-03-01', 99, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),"
                + "('" + DEPARTMENT + "', '2026-03-01', 10, 0, 0, 0, 0, 10, 0, 4, 2, 1, 0, 0, 0, 0, 0, 5, 2, 0, 2),"
                + "('" + DEPARTMENT + "', '2026-03-05', 0, 3, 2, 1, 0, -6, 2, 0, 0, 0, 6, 3, 4, 3, 1, 0, 0, 172800, 1),"
                + "('" + JUSTICE + "', '2026-03-03', 4, 4, 0, 0, 0, 0, 0, 4, 0, 0, 4, 4, 2, 2, 0, 4, 4, 57600, 1),"
                + "('" + COMMUNE + "', '2026-03-31', 5, 0, 0, 0, 0, 5, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),"
                + "('" + COMMUNE + "', '2026-04-02', 7, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)");
        execute("INSERT INTO dossiers (dossier_id, received, unit_code, current_unit_code, procedure_code, channel, received_at, "
                + "due_at, effective_due_at, supplement_requests, end_at, end_kind, timeliness, last_event_at, event_count, version) VALUES "
                + "('" + D1 + "', true, '" + DEPARTMENT + "', '" + DEPARTMENT + "', '2.000815', 'ONLINE', '2026-03-02 09:00:00', "
                + "'2026-03-06 17:00:00', '2026-03-06 17:00:00', 0, '2026-03-10 10:00:00', 'COMPLETED', 'LATE', '2026-03-10 10:00:00', 2, 2),"
                + "('" + D2 + "', true, '" + COMMUNE + "', '" + COMMUNE + "', '1.001612', 'COUNTER', '2026-03-03 08:00:00', "
                + "'2026-03-09 17:00:00', '2026-03-09 17:00:00', 0, NULL, '', '', '2026-03-03 08:00:00', 1, 1),"
                + "('" + D3 + "', true, '" + DEPARTMENT + "', '" + DEPARTMENT + "', '1.009972', 'POSTAL', '2026-03-25 08:00:00', "
                + "'2026-03-31 17:00:00', '2026-03-31 17:00:00', 0, NULL, '', '', '2026-03-25 08:00:00', 1, 1),"
                + "('" + D4 + "', true, '" + JUSTICE + "', '" + JUSTICE + "', '1.001612', 'ONLINE', '2026-03-04 08:00:00', "
                + "'2026-03-09 08:00:00', '2026-03-09 08:00:00', 0, '2026-03-05 15:00:00', 'COMPLETED', 'EARLY', '2026-03-31 10:00:00', 3, 3),"
                + "('" + D5 + "', false, '" + DEPARTMENT + "', '" + DEPARTMENT + "', '', '', NULL, NULL, NULL, 0, NULL, '', '', "
                + "'2026-03-05 09:30:00', 2, 2)");
        execute("INSERT INTO events (event_id, dossier_id, type, at, unit_code, payload, kafka_partition, kafka_offset) VALUES "
                + "('e1', '" + D1 + "', 'COMPLETED', '2026-03-10 10:00:00', '" + DEPARTMENT + "', '{\"type\":\"COMPLETED\",\"electronicResult\":true}', 0, 2),"
                + "('e0', '" + D1 + "', 'RECEIVED', '2026-03-02 09:00:00', '" + DEPARTMENT + "', "
                + "'{\"type\":\"RECEIVED\",\"procedureCode\":\"2.000815\",\"channel\":\"ONLINE\"}', 0, 1),"
                + "('e2', '" + D2 + "', 'RECEIVED', '2026-03-03 08:00:00', '" + COMMUNE + "', '{\"type\":\"RECEIVED\"}', 1, 1),"
                + "('e3', '" + D3 + "', 'RECEIVED', '2026-03-25 08:00:00', '" + DEPARTMENT + "', '{\"type\":\"RECEIVED\"}', 0, 3),"
                + "('e4', '" + D4 + "', 'RECEIVED', '2026-03-04 08:00:00', '" + JUSTICE + "', '{\"type\":\"RECEIVED\"}', 2, 1),"
                + "('e5', '" + D4 + "', 'COMPLETED', '2026-03-05 15:00:00', '" + JUSTICE + "', '{\"type\":\"COMPLETED\"}', 2, 2),"
                + "('e6', '" + D4 + "', 'RATED', '2026-03-31 10:00:00', '" + JUSTICE + "', '{\"type\":\"RATED\",\"rating\":3}', 2, 3),"
                + "('e7', '" + D5 + "', 'SUBMITTED', '2026-03-05 09:00:00', '" + DEPARTMENT + "', '{\"type\":\"SUBMITTED\"}', 0, 4),"
                + "('e8', '" + D5 + "', 'NOT_ACCEPTED', '2026-03-05 09:30:00', '" + DEPARTMENT + "', '{\"type\":\"NOT_ACCEPTED\"}', 0, 5)");
        execute("INSERT INTO alerts (dossier_id, kind, raised_at, resolved_at, due_at, received_at, unit_code, current_unit_code, procedure_code, "
                + "version, is_deleted) VALUES "
                + "('" + D1 + "', 'OVERDUE', '2026-03-07 00:00:00', '2026-03-10 10:00:00', '2026-03-06 17:00:00', '2026-03-02 09:00:00', '" + DEPARTMENT
                + "', '" + DEPARTMENT + "', '2.000815', 1, 0),"
                + "('" + D1 + "', 'LATE_WITHOUT_APOLOGY', '2026-03-07 00:00:00', NULL, '2026-03-06 17:00:00', '2026-03-02 09:00:00', '" + DEPARTMENT
                + "', '" + DEPARTMENT + "', '2.000815', 1, 0),"
                + "('" + D2 + "', 'OVERDUE', '2026-03-10 00:00:00', NULL, '2026-03-09 17:00:00', '2026-03-03 08:00:00', '" + COMMUNE + "', '" + COMMUNE
                + "', '1.001612', 1, 0),"
                + "('" + D3 + "', 'AT_RISK', '2026-03-30 17:00:00', NULL, '2026-03-31 17:00:00', '2026-03-25 08:00:00', '" + DEPARTMENT + "', '" + DEPARTMENT
                + "', '1.009972', 1, 0),"
                + "('" + D4 + "', 'AT_RISK', '2026-03-05 08:00:00', NULL, '2026-03-09 08:00:00', '2026-03-04 08:00:00', '" + JUSTICE + "', '" + JUSTICE
                + "', '1.001612', 1, 0),"
                + "('" + D4 + "', 'AT_RISK', '2026-03-05 08:00:00', NULL, '2026-03-09 08:00:00', '2026-03-04 08:00:00', '" + JUSTICE + "', '" + JUSTICE
                + "', '1.001612', 2, 1)");
        deriveJobTables();
        execute(vn.ioc.dashboard.bench.DerivedKpiTables.kpiProcedureDaily());
        execute(vn.ioc.dashboard.bench.DerivedKpiTables.kpiProcedureMonthly());
    }
}
