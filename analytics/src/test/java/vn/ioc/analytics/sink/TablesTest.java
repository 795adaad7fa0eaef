package vn.ioc.analytics.sink;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ioc.analytics.rows.AlertDailyRow;
import vn.ioc.analytics.rows.AlertRow;
import vn.ioc.analytics.rows.AlertTransitionRow;
import vn.ioc.analytics.rows.DeadLetterReplayRow;
import vn.ioc.analytics.rows.DeadLetterRow;
import vn.ioc.analytics.rows.DossierRow;
import vn.ioc.analytics.rows.EventRow;
import vn.ioc.analytics.rows.KpiDailyRow;
import vn.ioc.analytics.rows.KpiProcedureRow;
import vn.ioc.analytics.rows.LateDossierRow;
import vn.ioc.domain.kpi.KpiCounts;
import vn.ioc.infra.clickhouse.LocalClickHouse;
import vn.ioc.infra.schema.ClickHouseEndpoint;
import vn.ioc.infra.schema.SchemaMigrator;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each table's encoder writes RowBinary that ClickHouse takes into the migrated table and reads back
 * as the same values: nulls, times in Asia/Ho_Chi_Minh to the millisecond, days, arrays, Vietnamese
 * text, long strings (multi-byte lengths) and half surrogate pairs.
 */
class TablesTest {

    private static final long AT = Instant.parse("2025-01-01T01:00:00.123Z").toEpochMilli();
    private static Client client;

    @BeforeAll
    static void setUp() {
        ClickHouseEndpoint store = ClickHouseEndpoint.of(LocalClickHouse.get().url(), LocalClickHouse.get().newDatabase("tables"));
        SchemaMigrator.migrate(store);
        client = store.newClient();
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    @Test
    void aDossierRowWithAbsentTimesAndRatings() throws Exception {
        DossierRow row = new DossierRow("000.00.12.H23-250101-0001", true, "000.00.12.H23", "000.00.07.H23", "1.001",
                "ONLINE", AT, AT + 86_400_000, DossierRow.NONE, 2, 3_600, true, 1, DossierRow.NONE, "", "", DossierRow.NONE,
                true, false, true, false, true, DossierRow.NONE, DossierRow.NONE, new int[] {5, 3}, AT, 7, 9);
        insert("dossiers", Tables.DOSSIERS, row);
        GenericRecord r = one("""
                SELECT dossier_id, received, toString(received_at) AS received_at, toUnixTimestamp64Milli(due_at) AS due_ms,
                       effective_due_at IS NULL AS no_effective_due, pause_count, paused_seconds, pause_open,
                       supplement_requests, end_at IS NULL AS open, processing_working_seconds IS NULL AS no_seconds,
                       fee_required, paid_online, electronic_result, digitized, reused_data, toString(ratings) AS ratings,
                       toUnixTimestamp64Milli(last_event_at) AS last_ms, event_count, version, toString(listed_units) AS listed
                FROM dossiers""");
        assertThat(r.getString("dossier_id")).isEqualTo("000.00.12.H23-250101-0001");
        assertThat(r.getBoolean("received")).isTrue();
        assertThat(r.getString("received_at")).isEqualTo("2025-01-01 08:00:00.123");
        assertThat(r.getLong("due_ms")).isEqualTo(AT + 86_400_000);
        assertThat(r.getBoolean("no_effective_due")).isTrue();
        assertThat(r.getLong("pause_count")).isEqualTo(2);
        assertThat(r.getLong("paused_seconds")).isEqualTo(3_600);
        assertThat(r.getBoolean("pause_open")).isTrue();
        assertThat(r.getLong("supplement_requests")).isEqualTo(1);
        assertThat(r.getBoolean("open")).isTrue();
        assertThat(r.getBoolean("no_seconds")).isTrue();
        assertThat(List.of(r.getBoolean("fee_required"), r.getBoolean("paid_online"), r.getBoolean("electronic_result"),
                r.getBoolean("digitized"), r.getBoolean("reused_data"))).containsExactly(true, false, true, false, true);
        assertThat(r.getString("ratings")).isEqualTo("[5,3]");
        assertThat(r.getLong("last_ms")).isEqualTo(AT);
        assertThat(r.getLong("event_count")).isEqualTo(7);
        assertThat(r.getLong("version")).isEqualTo(9);
        assertThat(r.getString("listed")).isEqualTo("['000.00.12.H23','000.00.07.H23']");
    }

    @Test
    void anEventWithVietnameseTextAndALongPayload() throws Exception {
        String payload = "{\"note\":\"Hồ sơ \\\"gấp\\\"\\n\",\"pad\":\"" + "đ".repeat(20_000) + "\"}"; // a 3-byte length
        insert("events", Tables.EVENTS, new EventRow("e-1", "d-1", "RECEIVED", AT, "000.00.12.H23", payload, 3, 1L << 40));
        GenericRecord r = one("SELECT type, payload, kafka_partition, kafka_offset, toString(at) AS at FROM events");
        assertThat(r.getString("type")).isEqualTo("RECEIVED");
        assertThat(r.getString("payload")).isEqualTo(payload);
        assertThat(r.getLong("kafka_partition")).isEqualTo(3);
        assertThat(r.getLong("kafka_offset")).isEqualTo(1L << 40);
        assertThat(r.getString("at")).isEqualTo("2025-01-01 08:00:00.123");
    }

    @Test
    void aDailyRowAndAnAlertEpisode() throws Exception {
        KpiCounts c = new KpiCounts(1, 2, 3, 4, 5, -6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 172_800);
        insert("kpi_daily", Tables.KPI_DAILY, new KpiDailyRow("000.00.12.H23", LocalDate.of(2026, 3, 5).toEpochDay(), c, 4));
        GenericRecord k = one("SELECT toString(day) AS day, received, open_delta, reused_data_received, "
                + "processing_working_seconds, version FROM kpi_daily");
        assertThat(k.getString("day")).isEqualTo("2026-03-05");
        assertThat(List.of(k.getLong("received"), k.getLong("open_delta"), k.getLong("reused_data_received"),
                k.getLong("processing_working_seconds"), k.getLong("version"))).containsExactly(1L, -6L, 17L, 172_800L, 4L);

        insert("kpi_procedure_daily", Tables.KPI_PROCEDURE_DAILY, new KpiProcedureRow("000.00.12.H23", "1.001612",
                LocalDate.of(2026, 3, 5).toEpochDay(), c, 5));
        GenericRecord p = one("SELECT procedure_code, toString(day) AS day, late, overdue_delta, satisfied, version "
                + "FROM kpi_procedure_daily");
        assertThat(p.getString("procedure_code")).isEqualTo("1.001612");
        assertThat(p.getString("day")).isEqualTo("2026-03-05");
        assertThat(List.of(p.getLong("late"), p.getLong("overdue_delta"), p.getLong("satisfied"), p.getLong("version")))
                .containsExactly(4L, 7L, 14L, 5L);

        insert("kpi_procedure_monthly", Tables.KPI_PROCEDURE_MONTHLY, new KpiProcedureRow("000.00.12.H23", "1.001612",
                LocalDate.of(2026, 3, 1).toEpochDay(), c, 9));
        GenericRecord m = one("SELECT toString(month) AS month, open_delta, version FROM kpi_procedure_monthly");
        assertThat(m.getString("month")).isEqualTo("2026-03-01");
        assertThat(List.of(m.getLong("open_delta"), m.getLong("version"))).containsExactly(-6L, 9L);

        insert("late_dossiers", Tables.LATE_DOSSIERS, new LateDossierRow("d-1", "000.00.12.H23", "000.00.12.H24", "1.001",
                AT - 9 * 86_400_000L, AT - 2 * 86_400_000L, AT, LocalDate.of(2025, 1, 1).toEpochDay(), 3, 7, false));
        GenericRecord l = one("SELECT toString(end_day) AS end_day, days_late, toUnixTimestamp64Milli(end_at) AS end_at, "
                + "supplement_requests, version, is_deleted FROM late_dossiers");
        assertThat(l.getString("end_day")).isEqualTo("2025-01-01");
        assertThat(List.of(l.getLong("days_late"), l.getLong("end_at"), l.getLong("supplement_requests"), l.getLong("version"),
                l.getLong("is_deleted"))).containsExactly(2L, AT, 3L, 7L, 0L);

        insert("alerts_by_resolution", Tables.ALERTS_BY_RESOLUTION, new AlertRow("d-1", "AT_RISK", AT, DossierRow.NONE, AT + 1,
                AT - 86_400_000L, 0, "000.00.12.H23", "000.00.12.H23", "1.001", 3, false));
        assertThat(one("SELECT toString(resolved_or_end) AS r FROM alerts_by_resolution").getString("r"))
                .as("an unresolved episode sorts last").isEqualTo("2100-01-01 00:00:00.000");

        insert("alerts", Tables.ALERTS, new AlertRow("d-1", "OVERDUE", AT, DossierRow.NONE, AT - 1, AT - 86_400_000L, 2,
                "000.00.12.H23", "000.00.12.H23", "1.001", 2, true));
        GenericRecord a = one("SELECT kind, toUnixTimestamp64Milli(raised_at) AS raised, resolved_at IS NULL AS open, "
                + "toUnixTimestamp64Milli(due_at) AS due, toUnixTimestamp64Milli(received_at) AS received, supplement_requests, "
                + "version, is_deleted FROM alerts");
        assertThat(a.getString("kind")).isEqualTo("OVERDUE");
        assertThat(List.of(a.getLong("raised"), a.getLong("due"), a.getLong("received"), a.getLong("supplement_requests"),
                a.getLong("version"), a.getLong("is_deleted"))).containsExactly(AT, AT - 1, AT - 86_400_000L, 2L, 2L, 1L);
        assertThat(a.getBoolean("open")).isTrue();
    }

    @Test
    void aResolutionAndADailyAlertRow() throws Exception {
        insert("alert_transitions", Tables.ALERT_TRANSITIONS, new AlertTransitionRow(AT + 5, AlertTransitionRow.RESOLVED,
                new AlertRow("d-1", "AT_RISK", AT, AT + 5, AT + 9, AT - 9, 0, "000.31.07.H23", "000.00.12.H23", "1.001", 3, false)));
        GenericRecord t = one("SELECT toUnixTimestamp64Milli(at) AS at, change, toUnixTimestamp64Milli(resolved_at) AS resolved, "
                + "toUnixTimestamp64Milli(due_at) AS due, listed_units, version, is_deleted FROM alert_transitions");
        assertThat(List.of(t.getLong("at"), t.getLong("change"), t.getLong("resolved"), t.getLong("due"), t.getLong("version"),
                t.getLong("is_deleted"))).containsExactly(AT + 5, -1L, AT + 5, AT + 9, 3L, 0L);
        assertThat(t.getList("listed_units")).containsExactly("000.31.07.H23", "000.00.12.H23");

        insert("alert_daily", Tables.ALERT_DAILY, new AlertDailyRow("000.31.07.H23", "000.00.12.H23", "OVERDUE",
                LocalDate.of(2026, 3, 5).toEpochDay(), 3, 2, 7));
        GenericRecord d = one("SELECT current_unit_code, toString(day) AS day, raised, resolved, version FROM alert_daily");
        assertThat(d.getString("current_unit_code")).isEqualTo("000.00.12.H23");
        assertThat(d.getString("day")).isEqualTo("2026-03-05");
        assertThat(List.of(d.getLong("raised"), d.getLong("resolved"), d.getLong("version"))).containsExactly(3L, 2L, 7L);
    }

    @Test
    void anUnpairedSurrogateBecomesAReplacementCharacterAndClickHouseTakesTheRow() throws Exception {
        assertThat(Tables.wellFormed("ok \uD83D\uDE00")).isEqualTo("ok \uD83D\uDE00");
        assertThat(Tables.wellFormed("cut \uD83D")).isEqualTo("cut \uFFFD");
        assertThat(Tables.wellFormed("\uDE00 and \uD800x")).isEqualTo("\uFFFD and \uFFFDx");

        // The way such a string arrives: a JSON escape for half a pair, copied into a rejection reason.
        insert("dead_letters", Tables.DEAD_LETTERS, new DeadLetterRow("kafka:0:1", AT, "analytics-job", "BAD_VALUE",
                "type: '\uD800' is not one of RECEIVED, ...", "{\"type\":\"\\ud800\"}"));
        assertThat(one("SELECT reason FROM dead_letters").getString("reason")).isEqualTo("type: '\uFFFD' is not one of RECEIVED, ...");

        insert("dead_letter_replays", Tables.DEAD_LETTER_REPLAYS, new DeadLetterReplayRow("one-stop", "dl-1", "e-9",
                "UNKNOWN_UNIT", AT));
        GenericRecord replay = one("SELECT event_id, toString(replayed_at) AS at FROM dead_letter_replays");
        assertThat(replay.getString("event_id")).isEqualTo("e-9");
        assertThat(replay.getString("at")).isEqualTo("2025-01-01 08:00:00.123");
    }

    private static <T> void insert(String table, RowEncoder<T> encoder, T row) throws Exception {
        RowBinary out = new RowBinary(16);
        encoder.write(row, out);
        client.insert(table, encoder.columns(), new ByteArrayInputStream(out.toByteArray()), ClickHouseFormat.RowBinary)
                .get(1, TimeUnit.MINUTES).close();
    }

    private static GenericRecord one(String sql) {
        List<GenericRecord> rows = client.queryAll(sql);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
