package vn.ioc.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ioc.dashboard.admin.Administration;
import vn.ioc.dashboard.auth.Role;
import vn.ioc.dashboard.auth.User;
import vn.ioc.dashboard.auth.UserDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ioc.dashboard.DashboardFixture.DEPARTMENT;
import static vn.ioc.dashboard.DashboardFixture.JUSTICE;

/**
 * An administrator changes the users over the API: each change is checked, written to the users file
 * (read back here to see it), and in force at once, down to the sessions it ends.
 */
class AdminUsersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String NEW_PASSWORD = "Bốn con mèo ăn cá";
    private static DashboardFixture fixture;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = DashboardFixture.create("admin_users");
    }

    @AfterAll
    static void tearDown() {
        fixture.client.close();
    }

    private Path usersFile() {
        return dir.resolve("users.properties");
    }

    private DashboardApp app() {
        return fixture.app(TestUsers.directoryInFile(usersFile(), fixture.catalogs), Administration.none());
    }

    /** The users file as the next start of the dashboard would read it. */
    private UserDirectory reloaded() {
        return UserDirectory.load(usersFile(), fixture.catalogs.units());
    }

    @Test
    void anAdministratorCreatesAUserWhoSignsInAtOnceAndIsInTheFile() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            JsonNode created = write(http, "POST", "/api/admin/users", admin, "{\"username\":\"giamdoc.tp\",\"displayName\":\"Nguyễn Thị Bình, Giám đốc Sở Tư pháp\","
                    + "\"role\":\"DEPARTMENT_HEAD\",\"unitCode\":\"" + JUSTICE + "\",\"password\":\"" + NEW_PASSWORD + "\"}", 201);
            assertThat(created.at("/user/unitName").asText()).isEqualTo("Sở Tư pháp");
            assertThat(created.at("/user/enabled").asBoolean()).isTrue();

            User stored = reloaded().find("giamdoc.tp").orElseThrow();
            assertThat(stored.role()).isEqualTo(Role.DEPARTMENT_HEAD);
            assertThat(stored.unitCode()).isEqualTo(JUSTICE);
            assertThat(stored.displayName()).isEqualTo("Nguyễn Thị Bình, Giám đốc Sở Tư pháp");
            assertThat(stored.passwordHash()).startsWith("$2a$10$");
            assertThat(reloaded().authenticate("giamdoc.tp", NEW_PASSWORD)).isPresent();
            String text = Files.readString(usersFile(), StandardCharsets.UTF_8);
            assertThat(text).doesNotContain(NEW_PASSWORD).contains("user.giamdoc.tp = DEPARTMENT_HEAD," + JUSTICE + ",$2a$10$");
            assertThat(Files.getPosixFilePermissions(usersFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).as("no temporary file left behind").containsExactly(usersFile());
            }

            try (Response r = TestUsers.signIn(http, "giamdoc.tp", NEW_PASSWORD)) {
                assertThat(r.header("Location")).isEqualTo("/report?unit=" + JUSTICE);
            }
            JsonNode me = TestUsers.getJson(http, "/api/me", TestUsers.as(TestUsers.login(http, "giamdoc.tp", NEW_PASSWORD)));
            assertThat(me.get("displayName").asText()).isEqualTo("Nguyễn Thị Bình, Giám đốc Sở Tư pháp");
            assertThat(me.get("homeUnit").asText()).isEqualTo(JUSTICE);

            JsonNode list = TestUsers.getJson(http, "/api/admin/users", admin);
            assertThat(list.get("users").size()).isEqualTo(6);
            assertThat(list.at("/editing/available").asBoolean()).isTrue();
            assertThat(list.toString()).doesNotContain("$2a$");
        });
    }

    @Test
    void aNewRoleOrUnitOrDisablingEndsTheUsersSessionsAtOnce() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            Consumer<Request.Builder> head = TestUsers.as(TestUsers.login(http, "head"));
            assertThat(TestUsers.getJson(http, "/api/kpi?from=2026-03-01&to=2026-03-31", head).get("unit").asText()).isEqualTo(DEPARTMENT);

            JsonNode renamed = write(http, "PUT", "/api/admin/users/head", admin, "{\"displayName\":\"Trần Văn Cường\"}", 200);
            assertThat(renamed.get("sessionsEnded").asInt()).as("a display name changes no right").isZero();
            assertThat(status(http, "/api/me", head)).isEqualTo(200);

            JsonNode moved = write(http, "PUT", "/api/admin/users/head", admin, "{\"unitCode\":\"" + JUSTICE + "\"}", 200);
            assertThat(moved.get("sessionsEnded").asInt()).isEqualTo(1);
            assertThat(moved.at("/user/displayName").asText()).as("fields not sent are kept").isEqualTo("Trần Văn Cường");
            assertThat(status(http, "/api/me", head)).isEqualTo(401);
            Consumer<Request.Builder> headAgain = TestUsers.as(TestUsers.login(http, "head"));
            assertThat(TestUsers.getJson(http, "/api/kpi?from=2026-03-01&to=2026-03-31", headAgain).get("unit").asText()).isEqualTo(JUSTICE);
            assertThat(status(http, "/api/kpi?unit=" + DEPARTMENT + "&from=2026-03-01&to=2026-03-31", headAgain)).isEqualTo(403);

            JsonNode promoted = write(http, "PUT", "/api/admin/users/head", admin, "{\"role\":\"LEADER\"}", 200);
            assertThat(promoted.at("/user/unitCode").isNull()).as("only a department head has a unit").isTrue();
            assertThat(reloaded().find("head").orElseThrow().unitCode()).isNull();
            assertThat(status(http, "/api/me", headAgain)).isEqualTo(401);

            Consumer<Request.Builder> leader = TestUsers.as(TestUsers.login(http, "head"));
            write(http, "PUT", "/api/admin/users/head", admin, "{\"enabled\":false}", 200);
            assertThat(status(http, "/api/me", leader)).isEqualTo(401);
            try (Response r = TestUsers.signIn(http, "head", TestUsers.PASSWORD)) {
                assertThat(r.header("Location")).isEqualTo("/login?error=1");
                assertThat(r.header("Set-Cookie")).isNull();
            }
            assertThat(reloaded().find("head").orElseThrow().enabled()).isFalse();
            assertThat(reloaded().authenticate("head", TestUsers.PASSWORD)).isEmpty();

            write(http, "PUT", "/api/admin/users/head", admin, "{\"enabled\":true}", 200);
            assertThat(status(http, "/api/me", TestUsers.as(TestUsers.login(http, "head")))).isEqualTo(200);
        });
    }

    @Test
    void aPasswordResetReplacesTheOldPasswordAndEndsTheSessions() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            Consumer<Request.Builder> analyst = TestUsers.as(TestUsers.login(http, "analyst"));
            JsonNode reset = write(http, "POST", "/api/admin/users/analyst/password", admin, "{\"password\":\"" + NEW_PASSWORD + "\"}", 200);
            assertThat(reset.get("sessionsEnded").asInt()).isEqualTo(1);
            assertThat(status(http, "/api/me", analyst)).isEqualTo(401);
            try (Response r = TestUsers.signIn(http, "analyst", TestUsers.PASSWORD)) {
                assertThat(r.header("Location")).isEqualTo("/login?error=1");
            }
            assertThat(status(http, "/api/schema", TestUsers.as(TestUsers.login(http, "analyst", NEW_PASSWORD)))).isEqualTo(200);
            assertThat(reloaded().authenticate("analyst", NEW_PASSWORD)).isPresent();
        });
    }

    @Test
    void refusalsNameTheFieldAndLeaveTheFileUntouched() throws IOException {
        DashboardApp app = app();
        byte[] before = Files.readAllBytes(usersFile());
        JavalinTest.test(app.javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            String pw = "\"password\":\"" + NEW_PASSWORD + "\"";
            assertRefused(http, admin, "POST", "/api/admin/users", "{\"username\":\"x1\",\"role\":\"DEPARTMENT_HEAD\",\"unitCode\":\"000.99.99.H23\"," + pw + "}",
                    400, "UNKNOWN_UNIT", "unitCode");
            assertRefused(http, admin, "POST", "/api/admin/users", "{\"username\":\"x1\",\"role\":\"DEPARTMENT_HEAD\"," + pw + "}",
                    400, "MISSING_UNIT", "unitCode");
            assertRefused(http, admin, "POST", "/api/admin/users", "{\"username\":\"x1\",\"role\":\"LEADER\",\"password\":\"ngan\"}",
                    400, "WEAK_PASSWORD", "password");
            assertRefused(http, admin, "POST", "/api/admin/users", "{\"username\":\"nguyenvana\",\"role\":\"LEADER\",\"password\":\"nguyenvana2026\"}",
                    400, "WEAK_PASSWORD", "password");
            assertRefused(http, admin, "POST", "/api/admin/users", "{\"username\":\"x1\",\"role\":\"LEADER\",\"password\":\"1234567890\"}",
                    400, "WEAK_PASSWORD", "password");
            assertRefused(http, admin, "POST", "/api/admin/users", "{\"username\":\"Leader\",\"role\":\"LEADER\"," + pw + "}",
                    409, "DUPLICATE_USERNAME", "username");
            assertRefused(http, admin, "POST", "/api/admin/users", "{\"username\":\"lãnh đạo\",\"role\":\"LEADER\"," + pw + "}",
                    400, "INVALID_USERNAME", "username");
            assertRefused(http, admin, "POST", "/api/admin/users", "{\"username\":\"x1\",\"role\":\"KING\"," + pw + "}",
                    400, "INVALID_ROLE", "role");
            assertRefused(http, admin, "POST", "/api/admin/users", "{\"username\":\"x1\",\"role\":\"LEADER\"}",
                    400, "MISSING_FIELD", "password");
            assertRefused(http, admin, "POST", "/api/admin/users", "{\"username\":\"x1\",\"rol\":\"LEADER\"," + pw + "}",
                    400, "UNKNOWN_FIELD", "rol");
            assertRefused(http, admin, "PUT", "/api/admin/users/head", "{\"unitCode\":\"000.99.99.H23\"}", 400, "UNKNOWN_UNIT", "unitCode");
            assertRefused(http, admin, "PUT", "/api/admin/users/head", "{\"displayName\":\"" + "x".repeat(101) + "\"}",
                    400, "INVALID_DISPLAY_NAME", "displayName");
            assertRefused(http, admin, "PUT", "/api/admin/users/head", "{\"enabled\":\"no\"}", 400, "BAD_FIELD", "enabled");
            assertRefused(http, admin, "PUT", "/api/admin/users/nobody", "{\"enabled\":false}", 404, "UNKNOWN_USER", null);
            assertRefused(http, admin, "POST", "/api/admin/users/head/password", "{\"password\":\"head-head-head\"}", 400, "WEAK_PASSWORD", "password");
            try (Response r = TestUsers.send(http, "POST", "/api/admin/users", admin, "application/x-www-form-urlencoded", "username=x1&role=LEADER")) {
                assertThat(r.code()).isEqualTo(415);
            }
        });
        assertThat(Files.readAllBytes(usersFile())).isEqualTo(before);
    }

    @Test
    void theLastEnabledAdministratorCannotBeDisabledOrDemoted() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            assertRefused(http, admin, "PUT", "/api/admin/users/admin", "{\"enabled\":false}", 409, "LAST_ADMIN", null);
            assertRefused(http, admin, "PUT", "/api/admin/users/admin", "{\"role\":\"ANALYST\"}", 409, "LAST_ADMIN", null);
            assertThat(reloaded().find("admin").orElseThrow().role()).isEqualTo(Role.ADMIN);

            write(http, "PUT", "/api/admin/users/leader", admin, "{\"role\":\"ADMIN\"}", 200);
            JsonNode demoted = write(http, "PUT", "/api/admin/users/admin", admin, "{\"role\":\"ANALYST\"}", 200);
            assertThat(demoted.get("sessionsEnded").asInt()).as("the administrator's own session").isEqualTo(1);
            assertThat(status(http, "/api/admin/users", admin)).isEqualTo(401);
        });
    }

    @Test
    void writesAreTakenOnlyFromThisSitesOwnPages() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            String body = "{\"username\":\"csrf.victim\",\"role\":\"ADMIN\",\"password\":\"" + NEW_PASSWORD + "\"}";
            for (Consumer<Request.Builder> forged : java.util.List.<Consumer<Request.Builder>>of(
                    b -> b.removeHeader("Origin"),
                    b -> b.header("Origin", "http://evil.example"),
                    b -> b.header("Origin", "null"),
                    b -> b.removeHeader("Origin").header("Referer", "http://evil.example/page"),
                    b -> b.header("Sec-Fetch-Site", "same-site"))) {
                try (Response r = TestUsers.send(http, "POST", "/api/admin/users", admin.andThen(forged), JSON_TYPE, body)) {
                    assertThat(r.code()).isEqualTo(403);
                    assertThat(JSON.readTree(r.body().string()).get("code").asText()).isEqualTo("CROSS_ORIGIN");
                }
            }
            assertThat(reloaded().find("csrf.victim")).isEmpty();
            // A browser that leaves Origin out still names the page it was on.
            write(http, "POST", "/api/admin/users", admin.andThen(b -> b.removeHeader("Origin")
                    .header("Referer", http.getOrigin() + "/admin").header("Sec-Fetch-Site", "same-origin")), body, 201);
        });
    }

    @Test
    void linesEditedByHandMeanwhileAreKeptAndTakeEffect() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            String hash = reloaded().find("leader").orElseThrow().passwordHash();
            Files.writeString(usersFile(), "user.tay = ANALYST,," + hash + "\n", StandardOpenOption.APPEND);
            write(http, "POST", "/api/admin/users", admin, "{\"username\":\"qua.trang\",\"role\":\"LEADER\",\"password\":\"" + NEW_PASSWORD + "\"}", 201);
            assertThat(reloaded().find("tay")).isPresent();
            assertThat(reloaded().find("qua.trang")).isPresent();
            assertThat(status(http, "/api/schema", TestUsers.as(TestUsers.login(http, "tay")))).isEqualTo(200);
            assertThat(reloaded().wallScreen(TestUsers.WALL_TOKEN)).contains("test-wall");
        });
    }

    @Test
    void usersBuiltIntoTheProgramCannotBeChanged() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            Consumer<Request.Builder> admin = TestUsers.as(TestUsers.login(http, "admin"));
            assertThat(TestUsers.getJson(http, "/api/admin/users", admin).at("/editing/code").asText()).isEqualTo("USERS_NOT_FROM_FILE");
            assertRefused(http, admin, "PUT", "/api/admin/users/head", "{\"enabled\":false}", 409, "USERS_NOT_FROM_FILE", null);
        });
    }

    private static void assertRefused(HttpClient http, Consumer<Request.Builder> auth, String method, String path, String body,
                                      int status, String code, String field) {
        try (Response r = TestUsers.send(http, method, path, auth, JSON_TYPE, body)) {
            String text = r.body().string();
            assertThat(r.code()).as(method + " " + path + " " + body + " -> " + text).isEqualTo(status);
            JsonNode json = JSON.readTree(text);
            assertThat(json.get("code").asText()).as(text).isEqualTo(code);
            if (field != null) {
                assertThat(json.get("field").asText()).isEqualTo(field);
                assertThat(json.get("error").asText()).as("the message names the field").contains("'" + field + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode write(HttpClient http, String method, String path, Consumer<Request.Builder> auth, String body, int status) {
        return TestUsers.json(TestUsers.send(http, method, path, auth, JSON_TYPE, body), status, method + " " + path);
    }


    private static int status(HttpClient http, String path, Consumer<Request.Builder> auth) {
        try (Response r = TestUsers.getRaw(http, path, auth)) {
            return r.code();
        }
    }
}
