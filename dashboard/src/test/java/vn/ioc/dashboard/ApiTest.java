package vn.ioc.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ioc.domain.kpi.Decision766;
import vn.ioc.domain.kpi.KpiCounts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ioc.dashboard.DashboardFixture.COMMUNE;
import static vn.ioc.dashboard.DashboardFixture.D1;
import static vn.ioc.dashboard.DashboardFixture.D2;
import static vn.ioc.dashboard.DashboardFixture.D3;
import static vn.ioc.dashboard.DashboardFixture.D4;
import static vn.ioc.dashboard.DashboardFixture.D5;
import static vn.ioc.dashboard.DashboardFixture.DEPARTMENT;
import static vn.ioc.dashboard.DashboardFixture.DISTRICT;
import static vn.ioc.dashboard.DashboardFixture.JUSTICE;
import static vn.ioc.dashboard.DashboardFixture.PROVINCE;

/** The JSON API over the fixture province: every endpoint's numbers, FINAL readings and errors. */
class ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARCH = "&from=2026-03-01&to=2026-03-31";
    private static DashboardFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = DashboardFixture.create("api");
    }

    @AfterAll
    static void tearDown() {
        fixture.client.close();
    }

    private static JsonNode get(HttpClient http, String cookie, String path) {
        try (Response r = http.get(path, TestUsers.as(cookie))) {
            String body = r.body().string();
            assertThat(r.code()).as(path + " -> " + body).isEqualTo(200);
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int status(HttpClient http, String cookie, String path) {
        try (Response r = http.get(path, TestUsers.as(cookie))) {
            return r.code();
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void childrenAreEachChildsSubtreeAndSumToTheParent() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String leader = TestUsers.login(http, "leader");
            JsonNode province = get(http, leader, "/api/kpi/children?unit=" + PROVINCE + MARCH);
            assertThat(province.get("received").asLong()).isEqualTo(19);
            assertThat(province.get("onTimeRate").asDouble()).isEqualTo(16.0 / 19.0);
            assertThat(province.get("own").get("received").asLong()).isZero();
            long sum = 0;
            for (JsonNode c : province.get("children")) {
                sum += c.get("received").asLong();
            }
            assertThat(sum).isEqualTo(19);
            JsonNode district = find(province.get("children"), DISTRICT);
            assertThat(district.get("received").asLong()).isEqualTo(5); // its commune's rows
            assertThat(district.get("hasChildren").asBoolean()).isTrue();
            assertThat(district.get("validTo").asText()).isEqualTo("2025-06-30");
            JsonNode department = find(province.get("children"), DEPARTMENT);
            assertThat(department.get("onTimeRate").asDouble()).isEqualTo(0.7); // (3 + 2 + 4 - 2) / (6 + 4)
            assertThat(department.get("level").asText()).isEqualTo("DEPARTMENT");

            JsonNode ofDistrict = get(http, leader, "/api/kpi/children?unit=" + DISTRICT + MARCH);
            assertThat(texts(ofDistrict.get("children"), "unit")).contains(COMMUNE);
            assertThat(status(http, leader, "/api/kpi/children?unit=" + PROVINCE + "&from=2026-03-01")).isEqualTo(400);
        });
    }

    @Test
    void trendHasEveryDayWithOpenCarriedFromBeforeThePeriod() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String leader = TestUsers.login(http, "leader");
            JsonNode days = get(http, leader, "/api/kpi/trend?unit=" + DEPARTMENT + "&from=2026-03-01&to=2026-03-05").get("days");
            assertThat(days).hasSize(5);
            assertThat(days.get(0).get("day").asText()).isEqualTo("2026-03-01");
            assertThat(days.get(0).get("received").asLong()).isEqualTo(10);
            assertThat(days.get(0).get("openAtEnd").asLong()).isEqualTo(10);
            assertThat(days.get(2).get("received").asLong()).isZero();
            assertThat(days.get(2).get("openAtEnd").asLong()).isEqualTo(10);
            assertThat(days.get(4).get("ended").asLong()).isEqualTo(6);
            assertThat(days.get(4).get("openAtEnd").asLong()).isEqualTo(4);
            assertThat(days.get(4).get("overdueAtEnd").asLong()).isEqualTo(2);

            JsonNode later = get(http, leader, "/api/kpi/trend?unit=" + DEPARTMENT + "&from=2026-03-03&to=2026-03-05").get("days");
            assertThat(later.get(0).get("openAtEnd").asLong()).isEqualTo(10);
            assertThat(later.get(0).get("onTimeRate").asDouble()).isEqualTo(1.0);
            assertThat(later.get(2).get("onTimeRate").asDouble()).isEqualTo(0.7);
        });
    }

    @Test
    void scorecardIsTheDecision766ProjectionOfTheSummedCounts() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String leader = TestUsers.login(http, "leader");
            JsonNode s = get(http, leader, "/api/scorecard?unit=" + DEPARTMENT + MARCH);
            KpiCounts march = new KpiCounts(10, 3, 2, 1, 0, 4, 2, 4, 2, 1, 6, 3, 4, 3, 1, 5, 2, 172800);
            Decision766.Scorecard expected = Decision766.score(march);
            assertThat(s.get("points").asDouble()).isEqualTo(expected.points());
            assertThat(s.get("coveredPoints").asDouble()).isEqualTo(expected.coveredPoints());
            assertThat(s.get("percent").asDouble()).isEqualTo(expected.percent());
            assertThat(s.get("grade").asText()).isEqualTo(expected.grade());
            assertThat(s.get("gradeLabel").asText()).isEqualTo(Decision766.gradeLabelVi(expected.grade()));
            JsonNode first = s.get("indicators").get(0);
            assertThat(first.get("code").asText()).isEqualTo("2.1");
            assertThat(first.get("r").asDouble()).isEqualTo(0.7);
            assertThat(first.get("points").asDouble()).isEqualTo(20);
            assertThat(first.get("score").asDouble()).isEqualTo(14.0);
            assertThat(s.get("indicators")).hasSize(7);

            JsonNode empty = get(http, leader, "/api/scorecard?unit=" + DEPARTMENT + "&from=2026-01-01&to=2026-01-31");
            assertThat(empty.get("percent").isNull()).isTrue();
            assertThat(empty.get("coveredPoints").asDouble()).isZero();
        });
    }

    @Test
    void alertsAreThoseActiveAtTheInstantNewestEventByDefault() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String leader = TestUsers.login(http, "leader");
            JsonNode now = get(http, leader, "/api/alerts?unit=" + PROVINCE);
            assertThat(now.get("at").asText()).isEqualTo("2026-03-31T10:00:00.000+07:00");
            assertThat(texts(now.get("alerts"), "kind")).containsExactly("AT_RISK", "OVERDUE", "LATE_WITHOUT_APOLOGY");
            assertThat(texts(now.get("alerts"), "dossierId")).containsExactly(D3, D2, D1).doesNotContain(D4);
            assertThat(now.get("counts").get("OVERDUE").asLong()).isEqualTo(1);
            assertThat(now.get("alerts").get(1).get("unitName").asText()).isEqualTo("Thị trấn Nàng Mau");

            JsonNode earlier = get(http, leader, "/api/alerts?unit=" + PROVINCE + "&at=2026-03-08T12:00:00%2B07:00");
            assertThat(texts(earlier.get("alerts"), "kind")).containsExactlyInAnyOrder("OVERDUE", "LATE_WITHOUT_APOLOGY");
            assertThat(texts(earlier.get("alerts"), "dossierId")).containsOnly(D1);
            // resolved_at is exclusive: at the resolution instant the episode no longer holds
            JsonNode resolved = get(http, leader, "/api/alerts?unit=" + DEPARTMENT + "&at=2026-03-10T10:00:00%2B07:00");
            assertThat(texts(resolved.get("alerts"), "kind")).containsExactly("LATE_WITHOUT_APOLOGY");

            JsonNode department = get(http, leader, "/api/alerts?unit=" + DEPARTMENT);
            assertThat(texts(department.get("alerts"), "dossierId")).containsExactly(D3, D1);
            assertThat(status(http, leader, "/api/alerts?unit=" + PROVINCE + "&at=yesterday")).isEqualTo(400);
        });
    }

    @Test
    void dossierSearchFiltersAndPages() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String leader = TestUsers.login(http, "leader");
            JsonNode all = get(http, leader, "/api/dossiers");
            assertThat(all.get("total").asLong()).isEqualTo(5);
            assertThat(texts(all.get("dossiers"), "dossierId")).containsExactly(D3, D4, D2, D1, D5);
            assertThat(texts(get(http, leader, "/api/dossiers?q=260302").get("dossiers"), "dossierId")).containsExactly(D1);
            assertThat(texts(get(http, leader, "/api/dossiers?status=open").get("dossiers"), "dossierId")).containsExactly(D3, D2);
            assertThat(texts(get(http, leader, "/api/dossiers?status=late").get("dossiers"), "dossierId")).containsExactly(D1);
            assertThat(texts(get(http, leader, "/api/dossiers?status=not_received").get("dossiers"), "dossierId")).containsExactly(D5);
            assertThat(texts(get(http, leader, "/api/dossiers?unit=" + DISTRICT).get("dossiers"), "dossierId")).containsExactly(D2);
            assertThat(texts(get(http, leader, "/api/dossiers?channel=online").get("dossiers"), "dossierId")).containsExactly(D4, D1);
            assertThat(texts(get(http, leader, "/api/dossiers?procedure=1.001612").get("dossiers"), "dossierId")).containsExactly(D4, D2);
            assertThat(texts(get(http, leader, "/api/dossiers?from=2026-03-04&to=2026-03-31").get("dossiers"), "dossierId"))
                    .containsExactly(D3, D4);
            JsonNode page = get(http, leader, "/api/dossiers?limit=2&offset=2");
            assertThat(page.get("total").asLong()).isEqualTo(5);
            assertThat(texts(page.get("dossiers"), "dossierId")).containsExactly(D2, D1);
            JsonNode d1 = get(http, leader, "/api/dossiers?q=" + D1).get("dossiers").get(0);
            assertThat(d1.get("state").asText()).isEqualTo("LATE");
            assertThat(d1.get("receivedAt").asText()).isEqualTo("2026-03-02T09:00:00.000+07:00");
            assertThat(d1.get("procedureName").asText()).isEqualTo("Cấp giấy phép xây dựng nhà ở riêng lẻ");
            assertThat(status(http, leader, "/api/dossiers?status=sleeping")).isEqualTo(400);
            assertThat(status(http, leader, "/api/dossiers?limit=100000")).isEqualTo(400);
        });
    }

    @Test
    void aDossierHasItsStateAndItsEventsInOrderOfTime() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String leader = TestUsers.login(http, "leader");
            JsonNode d = get(http, leader, "/api/dossiers/" + D1);
            assertThat(d.get("dossier").get("timeliness").asText()).isEqualTo("LATE");
            assertThat(d.get("dossier").get("endAt").asText()).isEqualTo("2026-03-10T10:00:00.000+07:00");
            assertThat(texts(d.get("timeline"), "type")).containsExactly("RECEIVED", "COMPLETED");
            assertThat(d.get("timeline").get(0).get("payload").get("channel").asText()).isEqualTo("ONLINE");
            assertThat(texts(d.get("alerts"), "kind")).containsExactlyInAnyOrder("OVERDUE", "LATE_WITHOUT_APOLOGY");
            assertThat(status(http, leader, "/api/dossiers/no-such-dossier")).isEqualTo(404);
        });
    }

    @Test
    void lateListHasEndedLateOverdueAndAtRiskWithDaysLate() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String leader = TestUsers.login(http, "leader");
            JsonNode late = get(http, leader, "/api/late?unit=" + PROVINCE + MARCH);
            assertThat(late.get("at").asText()).isEqualTo("2026-03-31T10:00:00.000+07:00");
            JsonNode list = late.get("dossiers");
            assertThat(texts(list, "dossierId")).containsExactly(D2, D3, D1);
            assertThat(texts(list, "kind")).containsExactly("OVERDUE", "AT_RISK", "LATE");
            assertThat(list.get(0).get("daysLate").asLong()).isEqualTo(22); // due 9 March, read on 31 March
            assertThat(list.get(2).get("daysLate").asLong()).isEqualTo(4);  // due 6 March, completed 10 March
            assertThat(list.get(2).get("procedureName").asText()).isEqualTo("Cấp giấy phép xây dựng nhà ở riêng lẻ");
            assertThat(list.get(0).get("receivedAt").asText()).isEqualTo("2026-03-03T08:00:00.000+07:00");
            assertThat(late.get("truncated").asBoolean()).isFalse();

            // One line of each part at most: the most urgent active one and the ended one, and a list that says it is not whole.
            JsonNode first = get(http, leader, "/api/late?limit=1&unit=" + PROVINCE + MARCH);
            assertThat(texts(first.get("dossiers"), "dossierId")).containsExactly(D2, D1);
            assertThat(first.get("truncated").asBoolean()).isTrue();
            assertThat(first.get("limit").asInt()).isEqualTo(1);
            // Two active and one ended: a limit of two holds them all.
            assertThat(get(http, leader, "/api/late?limit=2&unit=" + PROVINCE + MARCH).get("truncated").asBoolean()).isFalse();

            // At the end of 8 March: D1 was overdue (2 days), D2 not yet.
            JsonNode early = get(http, leader, "/api/late?unit=" + PROVINCE + "&from=2026-03-01&to=2026-03-08");
            assertThat(texts(early.get("dossiers"), "dossierId")).containsExactly(D1);
            assertThat(early.get("dossiers").get(0).get("daysLate").asLong()).isEqualTo(2);

            // Before the first receipt nothing is active: the list is read at the period's last instant.
            JsonNode before = get(http, leader, "/api/late?unit=" + PROVINCE + "&from=2026-02-01&to=2026-02-28");
            assertThat(before.get("at").asText()).isEqualTo("2026-02-28T23:59:59.999+07:00");
            assertThat(before.get("dossiers")).isEmpty();
        });
    }

    @Test
    void reportComparesWithPreviousPeriodAndProvinceAndRanksAmongPeers() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String leader = TestUsers.login(http, "leader");
            JsonNode r = get(http, leader, "/api/report?unit=" + DEPARTMENT + "&period=month&date=2026-03-15");
            assertThat(r.get("period").get("from").asText()).isEqualTo("2026-03-01");
            assertThat(r.get("period").get("to").asText()).isEqualTo("2026-03-31");
            assertThat(r.get("period").get("label").asText()).isEqualTo("Tháng 03/2026");
            assertThat(r.get("previousPeriod").get("from").asText()).isEqualTo("2026-02-01");
            assertThat(r.get("current").get("received").asLong()).isEqualTo(10);
            assertThat(r.get("previous").get("received").asLong()).isZero();
            assertThat(r.get("province").get("received").asLong()).isEqualTo(19);
            assertThat(r.get("rank").get("position").asInt()).isEqualTo(2); // Sở Tư pháp 100%, Sở Xây dựng 70%
            assertThat(r.get("rank").get("rankedPeers").asInt()).isEqualTo(2);
            assertThat(r.get("rank").get("peers").asInt()).isEqualTo(18);
            assertThat(r.get("scorecard").get("indicators").get(0).get("score").asDouble()).isEqualTo(14.0);
            assertThat(texts(r.get("procedures"), "procedureCode")).containsExactlyInAnyOrder("2.000815", "1.009972");
            assertThat(texts(r.get("late"), "dossierId")).containsExactly(D3, D1);
            assertThat(r.get("unit").get("parentName").asText()).isEqualTo("Ủy ban nhân dân tỉnh Hậu Giang");

            JsonNode lean = get(http, leader, "/api/report?procedures=false&unit=" + DEPARTMENT + "&period=month&date=2026-03-15");
            assertThat(lean.get("procedures")).isEmpty();
            assertThat(lean.get("late")).hasSize(2);
            // The page's KPI part, and the late list it asks for beside it: the report's own list
            JsonNode kpisOnly = get(http, leader, "/api/report?procedures=false&late=false&unit=" + DEPARTMENT + "&period=month&date=2026-03-15");
            assertThat(kpisOnly.get("late")).isEmpty();
            assertThat(kpisOnly.get("current")).isEqualTo(r.get("current"));
            JsonNode late = get(http, leader, "/api/late?limit=500&unit=" + DEPARTMENT + "&from=2026-03-01&to=2026-03-31");
            assertThat(late.get("dossiers")).isEqualTo(r.get("late"));
            assertThat(late.get("at").asText()).isEqualTo(r.get("lateAt").asText());
            assertThat(r.get("lateTruncated").asBoolean()).isFalse();
            JsonNode justice = get(http, leader, "/api/report?unit=" + JUSTICE + "&period=month&date=2026-03-15");
            assertThat(justice.get("rank").get("position").asInt()).isEqualTo(1);
            JsonNode week = get(http, leader, "/api/report?unit=" + DEPARTMENT + "&period=week&date=2026-03-04");
            assertThat(week.get("period").get("from").asText()).isEqualTo("2026-03-02");
            assertThat(week.get("period").get("to").asText()).isEqualTo("2026-03-08");
            assertThat(week.get("previousPeriod").get("from").asText()).isEqualTo("2026-02-23");
            JsonNode quarter = get(http, leader, "/api/report?unit=" + DEPARTMENT + "&period=quarter&date=2026-03-04");
            assertThat(quarter.get("period").get("from").asText()).isEqualTo("2026-01-01");
            assertThat(quarter.get("previousPeriod").get("from").asText()).isEqualTo("2025-10-01");
            JsonNode range = get(http, leader, "/api/report?unit=" + DEPARTMENT + "&period=range&from=2026-03-01&to=2026-03-05");
            assertThat(range.get("current").get("ended").asLong()).isEqualTo(6);
            assertThat(range.get("previousPeriod").get("from").asText()).isEqualTo("2026-02-24");
            // The previous period comes from the period's own query: every field equals /api/kpi over it.
            JsonNode later = get(http, leader, "/api/report?unit=" + DEPARTMENT + "&period=range&from=2026-03-06&to=2026-03-10");
            JsonNode before = get(http, leader, "/api/kpi?unit=" + DEPARTMENT + "&from=2026-03-01&to=2026-03-05");
            assertThat(later.get("previousPeriod").get("to").asText()).isEqualTo("2026-03-05");
            assertThat(later.get("previous").get("ended").asLong()).isEqualTo(6);
            later.get("previous").fieldNames().forEachRemaining(field ->
                    assertThat(later.get("previous").get(field)).as(field).isEqualTo(before.get(field)));
            // Without a date the period is the one holding the newest event (31 March).
            JsonNode current = get(http, leader, "/api/report?unit=" + DEPARTMENT + "&period=year");
            assertThat(current.get("period").get("from").asText()).isEqualTo("2026-01-01");
            assertThat(status(http, leader, "/api/report?unit=" + DEPARTMENT + "&period=fortnight")).isEqualTo(400);
            assertThat(status(http, leader, "/api/report?unit=" + DEPARTMENT + "&period=range&from=2026-03-01")).isEqualTo(400);
        });
    }

    @Test
    void reportExportsAsCsvAndXlsx() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String leader = TestUsers.login(http, "leader");
            try (Response csv = http.get("/api/report.csv?unit=" + DEPARTMENT + "&period=month&date=2026-03-15", TestUsers.as(leader))) {
                assertThat(csv.code()).isEqualTo(200);
                assertThat(csv.header("Content-Type")).startsWith("text/csv");
                assertThat(csv.header("Content-Disposition")).contains("bao-cao_000.00.12.H23_2026-03-01_2026-03-31.csv");
                String text = new String(csv.body().bytes(), StandardCharsets.UTF_8);
                assertThat(text).startsWith("\uFEFF").contains("Tỷ lệ giải quyết đúng hạn và trước hạn,0.7,")
                        .contains(D1).contains("Bộ chỉ số 766").contains("Sở Xây dựng");
            }
            try (Response xlsx = http.get("/api/report.xlsx?unit=" + DEPARTMENT + "&period=month&date=2026-03-15", TestUsers.as(leader));
                 XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body().bytes()))) {
                assertThat(xlsx.code()).isEqualTo(200);
                assertThat(wb.getNumberOfSheets()).isEqualTo(4);
                Sheet kpis = wb.getSheet("Chỉ số");
                assertThat(kpis.getRow(2).getCell(0).getStringCellValue()).isEqualTo("Hồ sơ tiếp nhận");
                assertThat(kpis.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(10.0);
                assertThat(kpis.getRow(2).getCell(3).getNumericCellValue()).isEqualTo(19.0);
                Sheet late = wb.getSheet("Hồ sơ trễ hạn");
                assertThat(late.getRow(2).getCell(0).getStringCellValue()).isEqualTo(D3);
                assertThat(late.getRow(3).getCell(8).getNumericCellValue()).isEqualTo(4.0);
            }
        });
    }

    @Test
    void unitsAndTheApiDescription() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            try (Response units = http.get("/api/units", TestUsers.wall())) {
                JsonNode list = JSON.readTree(units.body().string());
                assertThat(list.size()).isEqualTo(fixture.catalogs.units().all().size());
                assertThat(list.get(0).get("level").asText()).isEqualTo("PROVINCE");
            }
            JsonNode spec = JSON.readTree(http.get("/api/openapi.json").body().string());
            assertThat(spec.get("openapi").asText()).startsWith("3.");
            for (String path : List.of("/api/kpi", "/api/kpi/children", "/api/kpi/trend", "/api/scorecard", "/api/alerts",
                    "/api/dossiers", "/api/dossiers/{id}", "/api/late", "/api/units", "/api/report", "/api/sql", "/api/stream")) {
                assertThat(spec.get("paths").has(path)).as(path).isTrue();
            }
        });
    }

    private static JsonNode find(JsonNode children, String unit) {
        for (JsonNode c : children) {
            if (c.get("unit").asText().equals(unit)) {
                return c;
            }
        }
        throw new AssertionError("No child " + unit);
    }
}
