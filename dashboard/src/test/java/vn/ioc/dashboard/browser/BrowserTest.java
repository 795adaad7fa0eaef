package vn.ioc.dashboard.browser;

import io.javalin.Javalin;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ioc.dashboard.DashboardApp;
import vn.ioc.dashboard.DashboardFixture;
import vn.ioc.dashboard.RecordedReplays;
import vn.ioc.dashboard.TestUsers;
import vn.ioc.dashboard.admin.Administration;
import vn.ioc.dashboard.admin.CatalogDirectory;
import vn.ioc.dashboard.admin.DeadLetterReplays;
import vn.ioc.domain.catalog.Catalogs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static vn.ioc.dashboard.DashboardFixture.D1;
import static vn.ioc.dashboard.DashboardFixture.DEPARTMENT;
import static vn.ioc.dashboard.DashboardFixture.PROVINCE;

/**
 * The pages in a real browser (Debian's headless Chromium): each view renders without console
 * errors, the wall changes by itself when rows land and recovers from a server restart, exports
 * download, a department head cannot see another unit, and an administrator adds a user, replays a
 * rejected event and replaces a catalog. Screenshots go to target/screenshots.
 */
class BrowserTest {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static DashboardFixture fixture;
    private static DashboardApp dashboard;
    private static Javalin server;
    private static Chromium chromium;
    private static String origin;
    @TempDir
    static Path adminDir;
    private static final RecordedReplays REPLAYS = new RecordedReplays();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Chromium.available(), "Chromium is not installed at " + Chromium.BINARY
                + ": install it with 'apt-get install -y chromium' to run the browser tests");
        fixture = DashboardFixture.create("browser");
        fixture.execute("INSERT INTO dead_letters (id, received_at, source, reason_code, reason, raw) VALUES "
                + "('dl-a', '2026-03-30 09:00:00', 'igate', 'UNKNOWN_UNIT', 'unitCode: not in the unit catalog', 'unitCode=000.99.99.H23'),"
                + "('dl-b', '2026-03-30 10:00:00', 'igate', 'UNKNOWN_UNIT', 'unitCode: not in the unit catalog', 'unitCode=000.99.99.H23')");
        // The administration works on files of its own: users that a test adds, a catalog directory it replaces.
        dashboard = fixture.app(TestUsers.directoryInFile(adminDir.resolve("users.properties"), fixture.catalogs),
                new Administration(CatalogDirectory.of(DashboardFixture.catalogDirectory(adminDir.resolve("catalogs"))), REPLAYS));
        server = dashboard.javalin().start("127.0.0.1", 0);
        origin = "http://127.0.0.1:" + server.port();
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.stop();
        }
        if (fixture != null) {
            fixture.client.close();
        }
    }

    private static String wallUrl(String extra) {
        return origin + "/?kiosk=1&rotate=0&token=" + TestUsers.WALL_TOKEN + extra;
    }

    @Test
    void theWallShowsTheProvinceAndChangesWhenRowsLand() throws Exception {
        Page page = chromium.newPage(1920, 1080);
        page.navigate(wallUrl(""));
        page.waitFor("the first numbers", Duration.ofSeconds(15), "document.getElementById('receivedToday').textContent === '5'");
        assertThat(page.text("#province")).isEqualTo("Ủy ban nhân dân tỉnh Hậu Giang");
        assertThat(page.text("#onTimeRate")).isEqualTo("84,2%"); // 16 / 19, Vietnamese decimal comma
        assertThat(page.text("#overdue")).isEqualTo("2");
        assertThat(page.text("#asof")).contains("31/03/2026");
        assertThat(page.eval("document.getElementById('stale').hidden").asBoolean()).isTrue();
        assertThat(page.eval("document.querySelectorAll('#best li').length").asInt()).isEqualTo(2);
        assertThat(page.text("#worst")).contains("Sở Xây dựng");
        assertThat(page.text("#ticker")).contains("Quá hạn").contains(DashboardFixture.D2);
        assertThat(page.eval("getComputedStyle(document.querySelector('nav.chrome')).display").asText()).isEqualTo("none");
        page.waitFor("the trend chart", Duration.ofSeconds(5), "document.querySelector('#trendChart canvas')");
        page.screenshot(SHOTS.resolve("wall-1920x1080.png"));

        // New rows land: 7 more received today in Sở Tư pháp, and a newer event.
        long landed = System.nanoTime();
        fixture.execute("INSERT INTO kpi_daily (unit_code, day, received, open_delta, version) VALUES ('"
                + DashboardFixture.JUSTICE + "', '2026-03-31', 7, 7, 1)");
        fixture.execute("INSERT INTO events (event_id, dossier_id, type, at, unit_code, payload) VALUES "
                + "('e9', 'x-1', 'RECEIVED', '2026-03-31 11:00:00', '" + DashboardFixture.JUSTICE + "', '{}')");
        // The push, not the one-minute safety re-read, must bring them: wait well under a minute.
        page.waitFor("the wall to show the new rows and their time", Duration.ofSeconds(10),
                "document.getElementById('receivedToday').textContent === '12'"
                        + " && document.getElementById('asof').textContent.includes('11:00')");
        long millis = Duration.ofNanos(System.nanoTime() - landed).toMillis();
        System.out.println("The wall showed the new rows " + millis + " ms after they landed");
        assertThat(page.text("#open")).isEqualTo("16");
        assertThat(page.consoleErrors()).isEmpty();

        page.navigate(wallUrl("&view=2"));
        page.waitFor("the treemap", Duration.ofSeconds(15), "document.querySelector('#treemapChart canvas') && document.getElementById('receivedToday').textContent !== '—'");
        assertThat(page.consoleErrors()).isEmpty();
        page.screenshot(SHOTS.resolve("wall-units-1920x1080.png"));

        page.viewport(3840, 2160);
        page.navigate(wallUrl(""));
        page.waitFor("the numbers at 4K", Duration.ofSeconds(15), "document.getElementById('receivedToday').textContent === '12'");
        double ratio = page.eval("parseFloat(getComputedStyle(document.getElementById('onTimeRate')).fontSize) / window.innerHeight").asDouble();
        assertThat(ratio).as("sizes follow the screen").isBetween(0.07, 0.08);
        page.screenshot(SHOTS.resolve("wall-3840x2160.png"));
        assertThat(page.consoleErrors()).isEmpty();
    }

    @Test
    void theWallRecoversFromAServerRestart() throws Exception {
        Page page = chromium.newPage(1280, 720);
        page.navigate(wallUrl(""));
        page.waitFor("the first numbers", Duration.ofSeconds(15), "document.getElementById('receivedToday').textContent !== '—'");
        int port = server.port();
        server.stop();
        try {
            page.waitFor("the warning that the server is gone", Duration.ofSeconds(15), "!document.getElementById('stale').hidden");
            assertThat(page.text("#stale")).contains("Mất kết nối");
        } finally {
            server = dashboard.javalin().start("127.0.0.1", port);
        }
        fixture.execute("INSERT INTO events (event_id, dossier_id, type, at, unit_code, payload) VALUES "
                + "('e10', 'x-2', 'RECEIVED', '2026-03-31 12:30:00', '" + DashboardFixture.JUSTICE + "', '{}')");
        page.waitFor("the wall to reconnect and show the newest data", Duration.ofSeconds(20),
                "document.getElementById('stale').hidden && document.getElementById('asof').textContent.includes('12:30')");
    }

    @Test
    void theDepartmentReportRendersDrillsDownAndExports(@TempDir Path downloads) throws Exception {
        chromium.downloadTo(downloads);
        Page page = chromium.newPage(1440, 900);
        page.signIn(origin, "leader", TestUsers.PASSWORD);
        page.navigate(origin + "/report?unit=" + DEPARTMENT + "&period=month&date=2026-03-15");
        page.waitFor("the report", Duration.ofSeconds(15), "document.querySelectorAll('#lateTable tbody tr').length === 2");
        assertThat(page.text("#periodLabel")).contains("Tháng 03/2026");
        assertThat(page.text("#rank")).isEqualTo("2 trên 2");
        assertThat(page.eval("document.getElementById('lateMore').hidden").asBoolean()).isTrue(); // the whole list: no note
        assertThat(page.text("#kpiTable tbody tr[data-kpi=onTimeRate]")).contains("70,0%");
        assertThat(page.eval("document.querySelectorAll('#scoreTable tbody tr').length").asInt()).isEqualTo(8);
        assertThat(page.text("#breadcrumb")).contains("Ủy ban nhân dân tỉnh Hậu Giang");
        page.screenshot(SHOTS.resolve("report.png"));
        page.pdf(SHOTS.resolve("report.pdf"));
        assertThat(Files.size(SHOTS.resolve("report.pdf"))).isGreaterThan(10_000);

        // Drill down: procedure -> its dossiers -> one dossier's timeline.
        page.waitFor("the procedures", Duration.ofSeconds(10), "document.querySelector('#procTable a[data-procedure=\"2.000815\"]')");
        page.eval("document.querySelector('#procTable a[data-procedure=\"2.000815\"]').click(); true");
        page.waitFor("the procedure's dossiers", Duration.ofSeconds(10), "document.querySelectorAll('#procDossierTable tbody tr').length === 1");
        page.eval("document.querySelector('#procDossierTable a').click(); true");
        page.waitFor("the dossier page", Duration.ofSeconds(10), "location.pathname === '/dossier' && document.querySelectorAll('#timeline li').length === 2");
        assertThat(page.text("#dossierId")).isEqualTo(D1);
        assertThat(page.text("#timeline")).contains("Tiếp nhận").contains("Xử lý xong");
        page.screenshot(SHOTS.resolve("dossier.png"));

        // The province report and its drill-down to a unit below.
        page.navigate(origin + "/report?unit=" + PROVINCE + "&period=month&date=2026-03-15");
        page.waitFor("the province report", Duration.ofSeconds(15), "document.querySelectorAll('#childrenTable tbody tr').length > 3");
        page.eval("[...document.querySelectorAll('#childrenTable a')].find(a => a.textContent === 'Sở Xây dựng').click(); true");
        page.waitFor("the unit's report", Duration.ofSeconds(15), "location.search.includes('" + DEPARTMENT + "') && document.getElementById('unitName').textContent === 'Sở Xây dựng'");

        page.eval("document.getElementById('csvLink').click(); document.getElementById('xlsxLink').click(); true");
        awaitDownloads(page, 2);
        awaitFiles(downloads, 2);
        Path csv = find(downloads, ".csv");
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).contains("Tỷ lệ giải quyết đúng hạn và trước hạn");
        try (InputStream in = Files.newInputStream(find(downloads, ".xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(wb.getSheet("Hồ sơ trễ hạn")).isNotNull();
        }
        assertThat(page.consoleErrors()).isEmpty();
    }

    @Test
    void aDepartmentHeadCannotSeeAnotherUnit() throws Exception {
        Page page = chromium.newPage(1440, 900);
        page.signIn(origin, "head", TestUsers.PASSWORD);
        page.waitFor("their own report", Duration.ofSeconds(15), "document.getElementById('unitName').textContent === 'Sở Xây dựng'");
        assertThat(page.eval("document.querySelectorAll('#unit option').length").asInt()).isEqualTo(1);
        assertThat(page.consoleErrors()).isEmpty();
        page.screenshot(SHOTS.resolve("report-department-head.png"));

        int status = page.eval("fetch('/api/kpi?unit=" + PROVINCE + "&from=2026-03-01&to=2026-03-31').then(r => r.status)").asInt();
        assertThat(status).isEqualTo(403);
        page.navigate(origin + "/report?unit=" + PROVINCE);
        assertThat(page.text("#refusal")).contains(PROVINCE);
        page.navigate(origin + "/");
        assertThat(page.eval("location.pathname").asText()).isEqualTo("/report");
    }

    @Test
    void theAnalystSearchesRunsSqlAndSeesTheSchema() throws Exception {
        Page page = chromium.newPage(1440, 900);
        page.signIn(origin, "analyst", TestUsers.PASSWORD);
        assertThat(page.eval("location.pathname").asText()).isEqualTo("/analyst");
        page.waitFor("search results", Duration.ofSeconds(15), "document.querySelectorAll('#results tbody tr').length >= 5");
        page.eval("document.getElementById('q').value = '260302'; document.getElementById('searchButton').click(); true");
        page.waitFor("one result", Duration.ofSeconds(10), "document.querySelectorAll('#results tbody tr').length === 1");
        page.screenshot(SHOTS.resolve("analyst-search.png"));

        page.eval("document.querySelector('[data-tab=sql]').click();"
                + "document.getElementById('sql').value = 'SELECT unit_code, sum(received) AS received FROM kpi_daily FINAL GROUP BY unit_code ORDER BY unit_code';"
                + "document.getElementById('runSql').click(); true");
        page.waitFor("the query result", Duration.ofSeconds(10), "document.querySelectorAll('#sqlResult tbody tr').length >= 3");
        page.screenshot(SHOTS.resolve("analyst-sql.png"));
        page.eval("document.getElementById('sql').value = 'DROP TABLE kpi_daily'; document.getElementById('runSql').click(); true");
        page.waitFor("the refusal", Duration.ofSeconds(10), "!document.getElementById('sqlError').hidden");
        page.clearConsoleErrors(); // the refused query's 400 is logged by the browser

        page.eval("document.querySelector('[data-tab=schema]').click(); true");
        page.waitFor("the schema", Duration.ofSeconds(10), "document.getElementById('schema').textContent.includes('kpi_daily')");
        page.eval("document.querySelector('[data-tab=jdbc]').click(); true");
        assertThat(page.text("#jdbcUrl")).startsWith("jdbc:clickhouse:http://");
        page.screenshot(SHOTS.resolve("analyst-jdbc.png"));
        assertThat(page.consoleErrors()).isEmpty();
    }

    @Test
    void anAdministratorAddsAUserWhoThenSignsIn() throws Exception {
        Page page = chromium.newPage(1280, 1800);
        page.navigate(origin + "/login?error=1");
        assertThat(page.text("#error")).contains("Sai tên đăng nhập");
        page.screenshot(SHOTS.resolve("login.png"));
        page.eval("document.querySelector('[data-lang-switch]').click(); true");
        assertThat(page.text("#signInButton")).isEqualTo("Sign in");
        page.eval("document.querySelector('[data-lang-switch]').click(); true");
        page.signIn(origin, "admin", TestUsers.PASSWORD);
        page.waitFor("the users", Duration.ofSeconds(10), "document.querySelectorAll('#users tbody tr').length === 5");
        page.screenshot(SHOTS.resolve("admin.png"));

        page.eval("document.getElementById('newUser').click();"
                + "document.getElementById('uUsername').value = 'canbo.moi';"
                + "document.getElementById('uDisplayName').value = 'Lê Văn Dũng';"
                + "const role = document.getElementById('uRole'); role.value = 'DEPARTMENT_HEAD'; role.dispatchEvent(new Event('change'));"
                + "document.getElementById('uUnit').value = '" + DEPARTMENT + "';"
                + "document.getElementById('uPassword').value = 'Mật khẩu của Dũng 2026'; true");
        page.screenshot(SHOTS.resolve("admin-user-form.png"));
        page.eval("document.getElementById('userSave').click(); true");
        page.waitFor("the new user in the list", Duration.ofSeconds(10), "document.querySelector('#users tr[data-username=\"canbo.moi\"]')");
        assertThat(page.text("#userMessage")).contains("Đã thêm người dùng");
        assertThat(page.text("#users tr[data-username=\"canbo.moi\"]")).contains("Lê Văn Dũng").contains("Sở Xây dựng").contains("Đang hoạt động");
        assertThat(page.eval("document.getElementById('userForm').hidden").asBoolean()).isTrue();
        page.eval("document.querySelector('[data-lang-switch]').click(); true");
        assertThat(page.text("#usersSection h2")).isEqualTo("Users");
        assertThat(page.text("#users tr[data-username=\"canbo.moi\"]")).contains("Head of a unit").contains("Enabled");
        page.eval("document.querySelector('[data-lang-switch]').click(); true");
        page.screenshot(SHOTS.resolve("admin-user-added.png"));
        assertThat(page.consoleErrors()).isEmpty();

        page.signIn(origin, "canbo.moi", "Mật khẩu của Dũng 2026");
        page.waitFor("their own report", Duration.ofSeconds(15), "document.getElementById('unitName').textContent === 'Sở Xây dựng'");
        assertThat(page.text("nav .who")).startsWith("Lê Văn Dũng");
        assertThat(page.consoleErrors()).isEmpty();
    }

    @Test
    void anAdministratorReplacesACatalogAndReplaysRejectedEvents() throws Exception {
        Page page = chromium.newPage(1280, 1800);
        page.signIn(origin, "admin", TestUsers.PASSWORD);
        page.waitFor("the rejected events", Duration.ofSeconds(10), "document.querySelectorAll('#deadLetters input[type=checkbox]').length === 2");
        assertThat(page.text("#reasons tr[data-reason=UNKNOWN_UNIT]")).contains("UNKNOWN_UNIT");
        assertThat(page.eval("document.getElementById('replayUnavailable').hidden").asBoolean()).isTrue();

        page.eval("document.querySelector('#deadLetters tr[data-id=dl-a] input').click(); document.getElementById('replaySelected').click(); true");
        page.waitFor("the replay's result", Duration.ofSeconds(10), "document.getElementById('replayFacts')");
        assertThat(page.text("#replayFacts dd[data-fact='admin.result.replayed']")).isEqualTo("1");
        assertThat(page.text("#replayFacts dd[data-fact='admin.result.stillRejected']")).isEqualTo("1 (BAD_TIME: 1)");
        assertThat(page.text("#replayResult")).doesNotContain("null").doesNotContain("undefined");
        assertThat(REPLAYS.requests()).extracting(DeadLetterReplays.Request::ids).containsExactly(Set.of("dl-a"));

        // A units catalog with a mistake on line 3: refused with its line and column, nothing saved.
        String bad = "code,name,level,parentCode,validFrom,validTo,successorCode\n000.00.00.H23,Tỉnh,PROVINCE,,,,\n000.00.12.H23,Sở Xây dựng,DEPARTMENT,000.00.99.H23,,,\n";
        chooseFile(page, "units.csv", bad);
        page.eval("document.querySelector('button[data-upload=\"units.csv\"]').click(); true");
        page.waitFor("the refusal", Duration.ofSeconds(10), "!document.getElementById('catalogError').hidden");
        assertThat(page.text("#catalogError")).contains("units.csv").contains("dòng 3").contains("cột parentCode");
        page.clearConsoleErrors(); // the browser logs the refused upload's 400

        String units;
        try (InputStream in = Catalogs.class.getResourceAsStream("/catalog/default/units.csv")) {
            units = new String(in.readAllBytes(), StandardCharsets.UTF_8) + "000.99.99.H23,Xã Tân Mới,COMMUNE,000.00.00.H23,2026-01-01,,\n";
        }
        chooseFile(page, "units.csv", units);
        page.eval("document.querySelector('button[data-upload=\"units.csv\"]').click(); true");
        page.waitFor("the file saved", Duration.ofSeconds(10), "!document.getElementById('catalogMessage').hidden");
        assertThat(page.text("#catalogMessage")).contains("Đã lưu").contains("khởi động lại");
        page.waitFor("the file marked as waiting for a restart", Duration.ofSeconds(10),
                "document.querySelector('#catalogFiles tr[data-file=\"units.csv\"]').textContent.includes('chờ khởi động lại')");
        page.waitFor("the note that a replay now would use the old catalog", Duration.ofSeconds(10),
                "!document.getElementById('replayCatalogNote').hidden");
        assertThat(Files.readString(adminDir.resolve("catalogs/units.csv"), StandardCharsets.UTF_8)).isEqualTo(units);
        page.screenshot(SHOTS.resolve("admin-catalog-replay.png"));
        assertThat(page.consoleErrors()).isEmpty();
    }

    /** Puts a file in the upload field of a catalog, as a person choosing it would. */
    private static void chooseFile(Page page, String name, String content) {
        page.eval("(() => { const files = new DataTransfer();"
                + "files.items.add(new File([" + Page.quote(content).replace("\n", "\\n") + "], '" + name + "', { type: 'text/csv' }));"
                + "document.getElementById('upload-" + name + "').files = files.files; return true; })()");
    }

    private static void awaitDownloads(Page page, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (page.completedDownloads() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + page.completedDownloads() + " downloads completed");
            }
            Thread.sleep(100);
        }
    }

    private static void awaitFiles(Path dir, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> done = files.filter(f -> !f.toString().endsWith(".crdownload") && f.toFile().length() > 0).toList();
                if (done.size() >= count) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Downloads did not complete in " + dir);
            }
            Thread.sleep(100);
        }
    }

    private static Path find(Path dir, String suffix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }
}
