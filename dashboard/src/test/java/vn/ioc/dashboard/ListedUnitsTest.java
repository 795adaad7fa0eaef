package vn.ioc.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ioc.dashboard.kpi.KpiRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ioc.dashboard.DashboardFixture.COMMUNE;
import static vn.ioc.dashboard.DashboardFixture.D1;
import static vn.ioc.dashboard.DashboardFixture.DEPARTMENT;
import static vn.ioc.dashboard.DashboardFixture.DISTRICT;
import static vn.ioc.dashboard.DashboardFixture.JUSTICE;
import static vn.ioc.dashboard.DashboardFixture.PROVINCE;

/**
 * A dossier is listed under the unit that received it and the unit holding it now, whichever way the
 * query is written: with the {@code listed_units} index for a small unit set, with a plain IN for the
 * province. Over the fixture plus a dossier a commune passed to a department (and an older version
 * of it still unmerged), every scope's lists equal the definition read straight from the table.
 */
class ListedUnitsTest {

    /** Received by the commune, transferred to the department, ended late; its overdue episode holds. */
    private static final String D6 = COMMUNE + "-260306-0006";

    private static DashboardFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = DashboardFixture.create("listed_units");
        fixture.execute("INSERT INTO dossiers (dossier_id, received, unit_code, current_unit_code, procedure_code, channel, "
                + "received_at, due_at, effective_due_at, supplement_requests, end_at, end_kind, timeliness, last_event_at, "
                + "event_count, version) VALUES "
                + "('" + D6 + "', true, '" + COMMUNE + "', '" + COMMUNE + "', '1.001612', 'COUNTER', '2026-03-06 08:00:00', "
                + "'2026-03-11 17:00:00', '2026-03-11 17:00:00', 0, NULL, '', '', '2026-03-06 08:00:00', 1, 1)");
        fixture.execute("INSERT INTO dossiers (dossier_id, received, unit_code, current_unit_code, procedure_code, channel, "
                + "received_at, due_at, effective_due_at, supplement_requests, end_at, end_kind, timeliness, last_event_at, "
                + "event_count, version) VALUES "
                + "('" + D6 + "', true, '" + COMMUNE + "', '" + DEPARTMENT + "', '1.001612', 'COUNTER', '2026-03-06 08:00:00', "
                + "'2026-03-11 17:00:00', '2026-03-11 17:00:00', 0, '2026-03-20 10:00:00', 'COMPLETED', 'LATE', "
                + "'2026-03-20 10:00:00', 3, 3)");
        fixture.execute("INSERT INTO alerts (dossier_id, kind, raised_at, resolved_at, due_at, unit_code, current_unit_code, "
                + "procedure_code, version, is_deleted) VALUES "
                + "('" + D6 + "', 'OVERDUE', '2026-03-12 00:00:00', NULL, '2026-03-11 17:00:00', '" + COMMUNE + "', '" + DEPARTMENT
                + "', '1.001612', 3, 0)");
        fixture.deriveJobTables();
        // The same event delivered twice (two places in the topic): one line of the timeline.
        fixture.execute("INSERT INTO events (event_id, dossier_id, type, at, unit_code, payload, kafka_partition, kafka_offset) "
                + "VALUES ('e0', '" + D1 + "', 'RECEIVED', '2026-03-02 09:00:00', '" + DEPARTMENT + "', "
                + "'{\"type\":\"RECEIVED\",\"procedureCode\":\"2.000815\",\"channel\":\"ONLINE\"}', 0, 9)");
    }

    @AfterAll
    static void tearDown() {
        fixture.client.close();
    }

    @Test
    void aTransferredDossierIsListedUnderBothUnitsAndCountedOnceAbove() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            var leader = TestUsers.as(TestUsers.login(http, "leader"));
            assertThat(ids(TestUsers.getJson(http, "/api/dossiers?status=late&unit=" + DEPARTMENT, leader))).containsExactly(D6, D1);
            assertThat(ids(TestUsers.getJson(http, "/api/dossiers?status=late&unit=" + DISTRICT, leader))).containsExactly(D6);
            JsonNode province = TestUsers.getJson(http, "/api/dossiers?status=late&unit=" + PROVINCE, leader);
            assertThat(province.get("total").asLong()).isEqualTo(2);
            assertThat(ids(province)).containsExactly(D6, D1);
            // The older version (still held by the commune, open) is not what anybody sees.
            assertThat(ids(TestUsers.getJson(http, "/api/dossiers?status=open&unit=" + DISTRICT, leader)))
                    .doesNotContain(D6);

            JsonNode alerts = TestUsers.getJson(http, "/api/alerts?unit=" + DEPARTMENT + "&at=2026-03-31T10:00:00%2B07:00", leader);
            assertThat(texts(alerts.get("alerts"), "dossierId")).contains(D6);
            JsonNode provinceAlerts = TestUsers.getJson(http, "/api/alerts?unit=" + PROVINCE + "&at=2026-03-31T10:00:00%2B07:00",
                    leader);
            assertThat(texts(provinceAlerts.get("alerts"), "dossierId")).containsOnlyOnce(D6);
            assertThat(provinceAlerts.get("counts").get("OVERDUE").asLong()).isEqualTo(2); // D2 and D6
        });
    }

    @Test
    void everyScopeListsWhatTheTableSaysWhicheverFormTheQueryTakes() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            var leader = TestUsers.as(TestUsers.login(http, "leader"));
            for (String unit : List.of(PROVINCE, DISTRICT, COMMUNE, DEPARTMENT, JUSTICE)) {
                Set<String> subtree = fixture.catalogs.units().subtree(unit);
                List<String> expected = new ArrayList<>();
                fixture.client.queryAll("SELECT dossier_id FROM dossiers FINAL WHERE unit_code IN {u:Array(String)} "
                                + "OR current_unit_code IN {u:Array(String)} "
                                + "ORDER BY received_at DESC NULLS LAST, last_event_at DESC, dossier_id",
                        Map.of("u", KpiRepository.arrayLiteral(subtree))).forEach(r -> expected.add(r.getString("dossier_id")));
                JsonNode answer = TestUsers.getJson(http, "/api/dossiers?unit=" + unit, leader);
                assertThat(ids(answer)).as(unit).isEqualTo(expected);
                assertThat(answer.get("total").asLong()).as(unit).isEqualTo(expected.size());
            }
        });
    }

    /**
     * The ticker's counts come from day totals and the day's transitions, its newest episodes from the
     * transitions of the last week: both must say what counting the episodes says, for every scope
     * and at every instant where an episode starts or ends (and just before and after it).
     */
    @Test
    void alertCountsAndNewestEpisodesAreWhatTheEpisodesSayAtEveryInstant() {
        List<Instant> instants = new ArrayList<>();
        fixture.client.queryAll("SELECT DISTINCT toUnixTimestamp64Milli(t) AS ms FROM (SELECT raised_at AS t FROM alerts "
                + "UNION ALL SELECT assumeNotNull(resolved_at) FROM alerts WHERE resolved_at IS NOT NULL) ORDER BY ms")
                .forEach(r -> {
                    Instant b = Instant.ofEpochMilli(r.getLong("ms"));
                    instants.addAll(List.of(b.minusMillis(1), b, b.plusMillis(1), b.plus(java.time.Duration.ofHours(13))));
                });
        assertThat(instants).hasSizeGreaterThan(20);
        String active = " FROM alerts FINAL WHERE is_deleted = 0 AND (unit_code IN {u:Array(String)} OR current_unit_code IN "
                + "{u:Array(String)}) AND raised_at <= fromUnixTimestamp64Milli({at:Int64}) AND (resolved_at IS NULL OR "
                + "resolved_at > fromUnixTimestamp64Milli({at:Int64}))";
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            var leader = TestUsers.as(TestUsers.login(http, "leader"));
            for (String unit : List.of(PROVINCE, DISTRICT, COMMUNE, DEPARTMENT, JUSTICE)) {
                Map<String, Object> p = new java.util.HashMap<>(Map.of("u", KpiRepository.arrayLiteral(fixture.catalogs.units().subtree(unit))));
                for (Instant at : instants) {
                    p.put("at", at.toEpochMilli());
                    Map<String, Long> counts = new java.util.TreeMap<>();
                    fixture.client.queryAll("SELECT toString(kind) AS kind, count() AS n" + active + " GROUP BY kind", p)
                            .forEach(r -> counts.put(r.getString("kind"), r.getLong("n")));
                    List<String> newest = new ArrayList<>();
                    fixture.client.queryAll("SELECT concat(dossier_id, ' ', toString(kind)) AS a" + active
                            + " ORDER BY raised_at DESC, dossier_id, kind LIMIT 2", p).forEach(r -> newest.add(r.getString("a")));

                    String query = "/api/alerts?unit=" + unit + "&at=" + at + "&limit=";
                    JsonNode answer = TestUsers.getJson(http, query + 2, leader);
                    Map<String, Long> shown = new java.util.TreeMap<>();
                    answer.get("counts").fields().forEachRemaining(e -> shown.put(e.getKey(), e.getValue().asLong()));
                    assertThat(shown).as(unit + " at " + at).isEqualTo(counts);
                    List<String> listed = new ArrayList<>();
                    answer.get("alerts").forEach(a -> listed.add(a.get("dossierId").asText() + " " + a.get("kind").asText()));
                    assertThat(listed).as(unit + " at " + at).isEqualTo(newest);
                    assertThat(TestUsers.getJson(http, query + 1, leader).get("alerts")).as(unit + " at " + at)
                            .hasSize(Math.min(1, newest.size()));
                }
            }
        });
    }

    @Test
    void aRepeatedEventIsOneLineOfTheTimeline() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            var leader = TestUsers.as(TestUsers.login(http, "leader"));
            JsonNode d1 = TestUsers.getJson(http, "/api/dossiers/" + D1, leader);
            assertThat(texts(d1.get("timeline"), "eventId")).containsExactly("e0", "e1");
        });
    }

    private static List<String> ids(JsonNode page) {
        return texts(page.get("dossiers"), "dossierId");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
