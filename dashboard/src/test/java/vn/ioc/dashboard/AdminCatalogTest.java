package vn.ioc.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ioc.dashboard.admin.Administration;
import vn.ioc.dashboard.admin.CatalogDirectory;
import vn.ioc.dashboard.admin.DeadLetterReplays;
import vn.ioc.domain.catalog.Catalogs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogs on the administration page: those in effect, the operator's directory, and a
 * replacement checked with the domain's loader before it is saved, effective at the next start.
 */
class AdminCatalogTest {

    private static final String NEW_COMMUNE = "000.99.01.H23,Xã Tân Mới,COMMUNE,000.00.00.H23,2026-01-01,,\n";
    private static DashboardFixture fixture;

    @TempDir
    Path dir;
    private Path catalogDir;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = DashboardFixture.create("admin_catalog");
    }

    @AfterAll
    static void tearDown() {
        fixture.client.close();
    }

    @BeforeEach
    void catalogDirectory() throws IOException {
        catalogDir = DashboardFixture.catalogDirectory(dir.resolve("catalogs"));
    }

    private DashboardApp app() {
        return fixture.app(TestUsers.directoryInFile(dir.resolve("users.properties"), fixture.catalogs),
                new Administration(CatalogDirectory.of(catalogDir), DeadLetterReplays.notConfigured()));
    }

    private String units() throws IOException {
        return Files.readString(catalogDir.resolve(Catalogs.UNITS_FILE), StandardCharsets.UTF_8);
    }

    @Test
    void showsTheCatalogsInEffectAndTheFilesOfTheDirectory() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            JsonNode catalog = TestUsers.getJson(http, "/api/admin/catalog", admin);
            assertThat(catalog.get("units").size()).isEqualTo(fixture.catalogs.units().all().size());
            assertThat(catalog.get("procedures").size()).isEqualTo(fixture.catalogs.procedures().all().size());
            assertThat(catalog.get("calendar").size()).isEqualTo(fixture.catalogs.calendarDays().size());
            assertThat(catalog.get("directory").asText()).isEqualTo(catalogDir.toAbsolutePath().toString());
            assertThat(catalog.at("/uploads/available").asBoolean()).isTrue();
            assertThat(catalog.get("files").findValuesAsText("name")).containsExactly("units.csv", "procedures.csv", "calendar.csv");
            assertThat(catalog.get("files").findValues("changedSinceStart")).allMatch(v -> !v.asBoolean());
            try (Response r = TestUsers.getRaw(http, "/api/admin/catalog/units.csv", admin)) {
                assertThat(r.header("Content-Type")).startsWith("text/csv");
                assertThat(r.body().string()).isEqualTo(units());
            }
            try (Response r = TestUsers.getRaw(http, "/api/admin/catalog/users.properties", admin)) {
                assertThat(r.code()).isEqualTo(404);
            }
        });
    }

    @Test
    void aFileWithAMistakeIsRefusedWithItsLineAndNothingIsSaved() throws IOException {
        String before = units();
        JavalinTest.test(app().javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            String badParent = "code,name,level,parentCode,validFrom,validTo,successorCode\n"
                    + "000.00.00.H23,Ủy ban nhân dân tỉnh Hậu Giang,PROVINCE,,,,\n"
                    + "000.00.12.H23,Sở Xây dựng,DEPARTMENT,000.00.99.H23,,,\n";
            JsonNode refused = upload(http, admin, "units.csv", badParent.getBytes(StandardCharsets.UTF_8), 400);
            assertThat(refused.get("code").asText()).isEqualTo("INVALID_CATALOG");
            assertThat(refused.get("file").asText()).isEqualTo("units.csv");
            assertThat(refused.get("line").asInt()).isEqualTo(3);
            assertThat(refused.get("column").asText()).isEqualTo("parentCode");
            assertThat(refused.get("error").asText()).isEqualTo("units.csv line 3, column parentCode: parent '000.00.99.H23' is not in the catalog");

            JsonNode sunday = upload(http, admin, "calendar.csv",
                    "date,kind,name\n2026-01-01,HOLIDAY,Tết Dương lịch\n\n2026-04-26,HOLIDAY,Chủ nhật\n".getBytes(StandardCharsets.UTF_8), 400);
            assertThat(sunday.get("line").asInt()).as("blank lines count").isEqualTo(4);
            assertThat(sunday.get("column").asText()).isEqualTo("kind");

            JsonNode header = upload(http, admin, "procedures.csv", "code,name\n1.1,x\n".getBytes(StandardCharsets.UTF_8), 400);
            assertThat(header.get("line").asInt()).isEqualTo(1);

            byte[] latin1 = ("code,name,level,parentCode,validFrom,validTo,successorCode\n000.00.00.H23,T\u00f4 t\u1ec9nh,PROVINCE,,,,\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertThat(upload(http, admin, "units.csv", latin1, 400).get("error").asText()).contains("not UTF-8");
            assertThat(upload(http, admin, "units.csv", new byte[0], 400).get("error").asText()).contains("empty");
            try (Response r = TestUsers.send(http, "PUT", "/api/admin/catalog/units.csv", admin, "text/plain", before)) {
                assertThat(r.code()).isEqualTo(415);
            }
        });
        assertThat(units()).isEqualTo(before);
        assertThat(catalogDir.resolve("units.csv.previous")).doesNotExist();
    }

    @Test
    void aUnitsCatalogMustKeepTheUnitOfEveryDepartmentHead() throws IOException {
        // Sở Xây dựng, and Sở Giao thông vận tải that was merged into it.
        String withoutTheHeadsUnit = units().lines().filter(l -> !l.startsWith(TestUsers.DEPARTMENT + ",") && !l.endsWith("," + TestUsers.DEPARTMENT))
                .collect(Collectors.joining("\n", "", "\n"));
        assertThat(withoutTheHeadsUnit).isNotEqualTo(units());
        JavalinTest.test(app().javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            JsonNode refused = upload(http, admin, "units.csv", withoutTheHeadsUnit.getBytes(StandardCharsets.UTF_8), 400);
            assertThat(refused.get("code").asText()).isEqualTo("UNITS_OF_USERS_MISSING");
            assertThat(refused.get("users").get(0).asText()).isEqualTo("head (" + TestUsers.DEPARTMENT + ")");
        });
    }

    @Test
    void aCorrectFileIsSavedKeepsTheOldOneAndWaitsForTheNextStart() throws IOException {
        String before = units();
        String corrected = before + NEW_COMMUNE;
        int unitsInEffect = fixture.catalogs.units().all().size();
        JavalinTest.test(app().javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            JsonNode saved = upload(http, admin, "units.csv", corrected.getBytes(StandardCharsets.UTF_8), 200);
            assertThat(saved.get("rows").asInt()).isEqualTo(unitsInEffect + 1);
            assertThat(saved.get("effectiveAfterRestart").asBoolean()).isTrue();

            JsonNode catalog = TestUsers.getJson(http, "/api/admin/catalog", admin);
            assertThat(catalog.get("units").size()).as("in effect: still what was read at start").isEqualTo(unitsInEffect);
            for (JsonNode f : catalog.get("files")) {
                assertThat(f.get("changedSinceStart").asBoolean()).as(f.get("name").asText()).isEqualTo(f.get("name").asText().equals("units.csv"));
            }
            assertThat(TestUsers.getJson(http, "/api/admin/dead-letters", admin).get("catalogsChangedSinceStart").asBoolean()).isTrue();
        });
        assertThat(units()).isEqualTo(corrected);
        assertThat(Files.readString(catalogDir.resolve("units.csv.previous"), StandardCharsets.UTF_8)).isEqualTo(before);
        // What the analytics job reads at its next start.
        assertThat(Catalogs.load(catalogDir).units().contains("000.99.01.H23")).isTrue();
    }

    @Test
    void withoutACatalogDirectoryUploadingIsUnavailableAndSaysWhy() {
        DashboardApp app = fixture.app(TestUsers.directoryInFile(dir.resolve("users.properties"), fixture.catalogs), Administration.none());
        JavalinTest.test(app.javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            JsonNode catalog = TestUsers.getJson(http, "/api/admin/catalog", admin);
            assertThat(catalog.get("directory").isNull()).isTrue();
            assertThat(catalog.at("/uploads/available").asBoolean()).isFalse();
            assertThat(catalog.at("/uploads/code").asText()).isEqualTo("NO_CATALOG_DIRECTORY");
            assertThat(catalog.at("/uploads/reason").asText()).contains("IOC_CATALOG_DIR");
            JsonNode refused = upload(http, admin, "units.csv", units().getBytes(StandardCharsets.UTF_8), 409);
            assertThat(refused.get("code").asText()).isEqualTo("NO_CATALOG_DIRECTORY");
            try (Response r = TestUsers.getRaw(http, "/api/admin/catalog/procedures.csv", admin)) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.body().string()).startsWith("code,name,field,statutoryWorkingDays,feeRequired,onlineLevel");
            }
        });
    }

    private static JsonNode upload(HttpClient http, Consumer<Request.Builder> auth, String file, byte[] csv, int status) {
        OkHttpClient client = http.getOkHttp();
        Request.Builder b = new Request.Builder().url(http.getOrigin() + "/api/admin/catalog/" + file).header("Origin", http.getOrigin())
                .put(RequestBody.create(csv, MediaType.get("text/csv; charset=utf-8")));
        auth.accept(b);
        try {
            return TestUsers.json(client.newCall(b.build()).execute(), status, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
