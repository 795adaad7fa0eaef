package vn.ioc.analytics;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InternalMiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.UnitLevel;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventJson;
import vn.ioc.domain.kpi.KpiCalculator;
import vn.ioc.domain.kpi.KpiCounts;
import vn.ioc.domain.rules.DossierRules;
import vn.ioc.domain.rules.DossierState;
import vn.ioc.analytics.rows.KpiDailyRow;
import vn.ioc.infra.clickhouse.LocalClickHouse;
import vn.ioc.infra.kafka.EmbeddedKafka;
import vn.ioc.infra.schema.ClickHouseEndpoint;
import vn.ioc.infra.schema.SchemaMigrator;
import vn.ioc.ingest.simulator.ProvinceSimulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.StringJoiner;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's tables are the same after anything: an undisturbed run, a run whose TaskManager is
 * killed mid-way (Flink restores its last checkpoint and re-delivers), and a replay of the whole
 * topic into a store that already holds the tables; and those tables give, for every unit and
 * period tried, exactly what the domain rules give. The input is 12 simulated days of a province,
 * with neighbours swapped, duplicates, a broken record, and a commune whose events all arrive late.
 */
class SameTablesAfterFaultsTest {

    @RegisterExtension
    static final InternalMiniClusterExtension FLINK = new InternalMiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String TOPIC = "dossier-events";
    private static final List<String> TABLES_AND_KEYS = List.of(
            "events:dossier_id, event_id", "dossiers:dossier_id", "late_dossiers:unit_code, end_day, dossier_id",
            "kpi_daily:unit_code, day",
            "kpi_procedure_daily:unit_code, procedure_code, day", "kpi_procedure_monthly:unit_code, procedure_code, month", "alerts:dossier_id, kind, raised_at",
            "alerts_by_resolution:resolved_or_end, dossier_id, kind, raised_at",
            "alert_transitions:at, dossier_id, kind, raised_at, change",
            "alert_daily:unit_code, current_unit_code, kind, day", "dead_letters:source, id");
    private static EmbeddedKafka kafka;
    private static int sent;
    /** Every event put on the topic that keeps the contract, duplicates included. */
    private static List<DossierEvent> accepted;

    @BeforeAll
    static void produceAProvinceWeek() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopic(TOPIC, 4);
        kafka.createTopic("dossier-events-dlq", 1);
        Instant start = WorkingCalendar.startOfDay(LocalDate.of(2026, 3, 2));
        ProvinceSimulator sim = new ProvinceSimulator(Catalogs.loadDefault(), 11, 600, start);
        List<DossierEvent> events = new ArrayList<>(sim.advanceTo(start.plus(Duration.ofDays(12))));
        // A commune whose link was down: all its events arrive days late, after everyone else's.
        String offline = events.stream().map(DossierEvent::unitCode).filter(SameTablesAfterFaultsTest::isCommune)
                .findFirst().orElseThrow();
        List<DossierEvent> late = events.stream().filter(e -> e.unitCode().equals(offline)).toList();
        events.removeAll(late);
        events.addAll(late);
        assertThat(late).isNotEmpty();
        accepted = List.copyOf(events);
        Random rnd = new Random(3);
        List<byte[]> values = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (DossierEvent e : events) {
            keys.add(e.dossierId());
            values.add(EventJson.toJsonBytes(e));
            if (rnd.nextInt(20) == 0) { // a duplicate now and then
                keys.add(e.dossierId());
                values.add(EventJson.toJsonBytes(e));
            }
        }
        // Disorder: swap neighbours so that many dossiers see later events first.
        for (int i = 1; i < values.size(); i += 2) {
            if (rnd.nextBoolean()) {
                Collections.swap(values, i, i - 1);
                Collections.swap(keys, i, i - 1);
            }
        }
        keys.add("broken");
        values.add("{\"eventId\": 12".getBytes(StandardCharsets.UTF_8));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(TOPIC, keys.get(i), values.get(i)));
            }
            producer.flush();
        }
        sent = values.size();
        assertThat(sent).isGreaterThan(10_000);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static ClickHouseEndpoint freshStore(String name) {
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.of(LocalClickHouse.get().url(), LocalClickHouse.get().newDatabase(name));
        SchemaMigrator.migrate(endpoint);
        return endpoint;
    }

    private static JobClient submit(ClickHouseEndpoint store, int parallelism, String group) throws Exception {
        MiniCluster cluster = FLINK.getMiniCluster();
        TestStreamEnvironment env = new TestStreamEnvironment(cluster, parallelism);
        DossierKpiJob.define(env, JobOptions.parse(new String[] {
                "--bootstrap-servers", kafka.bootstrapServers(), "--topic", TOPIC, "--group-id", group,
                "--clickhouse-url", store.url(), "--clickhouse-database", store.database(),
                "--checkpoint-interval-ms", "300", "--parallelism", String.valueOf(parallelism),
                "--until-end-of-topic", "true"}), Catalogs.loadDefault(), store);
        return env.executeAsync("tables-" + group);
    }

    private static void awaitFinished(JobClient job) throws Exception {
        JobStatus status = job.getJobExecutionResult().thenApply(r -> JobStatus.FINISHED).get();
        assertThat(status).isEqualTo(JobStatus.FINISHED);
    }

    private static String dump(ClickHouseEndpoint store) {
        StringJoiner all = new StringJoiner("\n");
        try (Client client = store.newClient()) {
            for (String tableAndKey : TABLES_AND_KEYS) {
                String table = tableAndKey.substring(0, tableAndKey.indexOf(':'));
                String key = tableAndKey.substring(tableAndKey.indexOf(':') + 1);
                String except = table.equals("dead_letters") ? " EXCEPT received_at" : "";
                List<GenericRecord> rows = client.queryAll("SELECT toString(tuple(*" + except + ")) AS r FROM "
                        + table + " FINAL ORDER BY " + key);
                all.add(table + ": " + rows.size() + " rows");
                for (GenericRecord r : rows) {
                    all.add(r.getString("r"));
                }
            }
        }
        return all.toString();
    }

    private static long count(ClickHouseEndpoint store, String sql) {
        try (Client client = store.newClient()) {
            return client.queryAll(sql).get(0).getLong(1);
        }
    }

    @Test
    void anUndisturbedRunAKilledTaskManagerAndAReplayGiveTheSameTables() throws Exception {
        ClickHouseEndpoint calm = freshStore("calm");
        awaitFinished(submit(calm, 2, "calm"));
        String expected = dump(calm);
        assertThat(count(calm, "SELECT count() FROM dead_letters FINAL")).isEqualTo(1);
        assertThat(count(calm, "SELECT sum(received) FROM kpi_daily FINAL")).isGreaterThan(3_000);

        // A TaskManager dies after the job has checkpointed and written part of its output.
        ClickHouseEndpoint crashed = freshStore("crashed");
        JobClient job = submit(crashed, 2, "crashed");
        MiniCluster cluster = FLINK.getMiniCluster();
        JobID id = job.getJobID();
        waitFor("a checkpoint and some rows", Duration.ofSeconds(60), () ->
                count(crashed, "SELECT count() FROM events") > 2_000 && completedCheckpoints(cluster, id) > 0);
        assertThat(cluster.getJobStatus(id).get()).isEqualTo(JobStatus.RUNNING);
        long eventRowsAtKill = count(crashed, "SELECT count() FROM events FINAL");
        cluster.terminateTaskManager(0).get();
        cluster.startTaskManager();
        awaitFinished(job);
        assertThat(eventRowsAtKill).as("killed mid-run").isLessThan(count(calm, "SELECT count() FROM events FINAL"));
        assertThat(dump(crashed)).isEqualTo(expected);

        // Replaying the whole topic into the store that already holds the tables changes nothing;
        // with another parallelism, too.
        awaitFinished(submit(calm, 1, "replay"));
        assertThat(dump(calm)).isEqualTo(expected);
    }

    @Test
    void theKpisEqualTheRulesForEveryUnitAndPeriodTried() throws Exception {
        ClickHouseEndpoint store = freshStore("oracle");
        awaitFinished(submit(store, 2, "oracle"));
        Catalogs catalogs = Catalogs.loadDefault();
        WorkingCalendar calendar = new WorkingCalendar(catalogs.calendarDays());
        Map<String, List<DossierEvent>> byDossier = accepted.stream()
                .collect(Collectors.groupingBy(DossierEvent::dossierId));
        List<DossierState> states = byDossier.entrySet().stream()
                .map(e -> DossierRules.evaluate(e.getKey(), e.getValue(), catalogs.procedures()::statutoryWorkingDays, calendar))
                .toList();
        Map<String, KpiDailyRow> rows = new HashMap<>();
        try (Client client = store.newClient()) {
            for (GenericRecord r : client.queryAll("SELECT * FROM kpi_daily FINAL")) {
                KpiCounts c = new KpiCounts(r.getLong("received"), r.getLong("early"), r.getLong("on_time"),
                        r.getLong("late"), r.getLong("withdrawn"), r.getLong("open_delta"), r.getLong("overdue_delta"),
                        r.getLong("online_received"), r.getLong("fee_bearing"), r.getLong("paid_online"),
                        r.getLong("completed"), r.getLong("electronic_results"), r.getLong("ratings"),
                        r.getLong("satisfied"), r.getLong("rated_unsatisfied"), r.getLong("digitized_received"),
                        r.getLong("reused_data_received"), r.getLong("processing_working_seconds"));
                LocalDate day = r.getLocalDate("day");
                rows.put(r.getString("unit_code") + "|" + day, new KpiDailyRow(r.getString("unit_code"), day.toEpochDay(), c, 1));
            }
        }
        String province = catalogs.units().root().orElseThrow().code();
        List<String> units = new ArrayList<>(List.of(province));
        catalogs.units().children(province).stream().limit(6).forEach(u -> units.add(u.code()));
        units.add(accepted.stream().map(DossierEvent::unitCode).filter(SameTablesAfterFaultsTest::isCommune)
                .findFirst().orElseThrow());
        LocalDate first = LocalDate.of(2026, 3, 2);
        List<LocalDate[]> periods = new ArrayList<>();
        for (int d = 0; d < 16; d++) {
            periods.add(new LocalDate[] {first.plusDays(d), first.plusDays(d)}); // each day, weekends included
        }
        periods.add(new LocalDate[] {LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 8)});   // ISO week 10
        periods.add(new LocalDate[] {LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)});  // March
        periods.add(new LocalDate[] {LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)});  // Q1
        periods.add(new LocalDate[] {LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 11)});  // a range
        int compared = 0;
        for (String unit : units) {
            Set<String> subtree = catalogs.units().subtree(unit);
            for (LocalDate[] p : periods) {
                KpiCounts expected = KpiCalculator.compute(states, subtree, p[0], p[1]);
                KpiCounts actual = DossierKpiPipelineTest.sum(rows, subtree, p[0], p[1]);
                assertThat(actual).as(unit + " " + p[0] + ".." + p[1]).isEqualTo(expected);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(units.size() * periods.size());
        assertThat(KpiCalculator.compute(states, catalogs.units().subtree(province), first, first.plusDays(15)).received())
                .isGreaterThan(3_000);
    }

    private static boolean isCommune(String unitCode) {
        return Catalogs.loadDefault().units().find(unitCode).map(u -> u.level() == UnitLevel.COMMUNE).orElse(false);
    }

    private static long completedCheckpoints(MiniCluster cluster, JobID id) {
        try {
            var stats = cluster.getArchivedExecutionGraph(id).get().getCheckpointStatsSnapshot();
            return stats == null ? 0 : stats.getCounts().getNumberOfCompletedCheckpoints();
        } catch (Exception e) {
            return 0;
        }
    }

    private static void waitFor(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
