package vn.ioc.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ioc.dashboard.admin.Administration;
import vn.ioc.dashboard.admin.CatalogDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ioc.dashboard.DashboardFixture.COMMUNE;
import static vn.ioc.dashboard.DashboardFixture.D1;
import static vn.ioc.dashboard.DashboardFixture.D2;
import static vn.ioc.dashboard.DashboardFixture.D3;
import static vn.ioc.dashboard.DashboardFixture.D5;
import static vn.ioc.dashboard.DashboardFixture.DEPARTMENT;
import static vn.ioc.dashboard.DashboardFixture.JUSTICE;
import static vn.ioc.dashboard.DashboardFixture.PROVINCE;

/**
 * Every route against every kind of caller: nobody, the wall token, and each role. The table below
 * must name every route the app registers, so a new endpoint cannot escape the matrix.
 */
class RoleMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String P = "&from=2026-03-01&to=2026-03-31";
    private static final String U = "?unit=" + DEPARTMENT;
    private static DashboardFixture fixture;

    enum Caller { NOBODY, WALL, LEADER, HEAD, ANALYST, ADMIN }

    /** Which callers get in, per declared access. */
    private static final Map<String, Set<Caller>> ALLOWED = Map.of(
            "PUBLIC", Set.of(Caller.values()),
            "SIGNED_IN", Set.of(Caller.WALL, Caller.LEADER, Caller.HEAD, Caller.ANALYST, Caller.ADMIN),
            "WALL", Set.of(Caller.WALL, Caller.LEADER, Caller.HEAD, Caller.ANALYST, Caller.ADMIN),
            "READ", Set.of(Caller.LEADER, Caller.HEAD, Caller.ANALYST, Caller.ADMIN),
            "SQL", Set.of(Caller.ANALYST),
            "ADMIN", Set.of(Caller.ADMIN));

    /**
     * A request for each route, within the department head's own unit so that scope is not what is tested
     * here; a write carries a body that succeeds for whom the route allows.
     */
    private record Sample(String method, String route, String url, String access, String contentType, String body) {
        Sample(String method, String route, String url, String access) {
            this(method, route, url, access, null, null);
        }
    }

    private static final String JSON_TYPE = "application/json";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";
    private static final String NEW_PASSWORD = "mot-mat-khau-moi-dai";

    private static final List<Sample> SAMPLES = List.of(
            new Sample("GET", "/login", "/login", "PUBLIC"),
            new Sample("POST", "/login", "/login", "PUBLIC", FORM_TYPE, "username=nobody&password=wrong"),
            new Sample("GET", "/api/openapi.json", "/api/openapi.json", "PUBLIC"),
            new Sample("GET", "/api/status", "/api/status", "PUBLIC"),
            new Sample("GET", "/api/me", "/api/me", "SIGNED_IN"),
            new Sample("GET", "/api/stream", "/api/stream", "SIGNED_IN"),
            new Sample("GET", "/api/kpi", "/api/kpi" + U + P, "WALL"),
            new Sample("GET", "/api/kpi/children", "/api/kpi/children" + U + P, "WALL"),
            new Sample("GET", "/api/kpi/trend", "/api/kpi/trend" + U + P, "WALL"),
            new Sample("GET", "/api/scorecard", "/api/scorecard" + U + P, "WALL"),
            new Sample("GET", "/api/alerts", "/api/alerts" + U, "WALL"),
            new Sample("GET", "/api/units", "/api/units", "WALL"),
            new Sample("GET", "/", "/", "WALL"),
            new Sample("GET", "/api/dossiers", "/api/dossiers" + U, "READ"),
            new Sample("GET", "/api/dossiers/{id}", "/api/dossiers/" + D1, "READ"),
            new Sample("GET", "/api/late", "/api/late" + U + P, "READ"),
            new Sample("GET", "/api/kpi/procedures", "/api/kpi/procedures" + U + P, "READ"),
            new Sample("GET", "/api/report", "/api/report" + U + "&period=month&date=2026-03-15", "READ"),
            new Sample("GET", "/api/report.csv", "/api/report.csv" + U + "&period=month&date=2026-03-15", "READ"),
            new Sample("GET", "/api/report.xlsx", "/api/report.xlsx" + U + "&period=month&date=2026-03-15", "READ"),
            new Sample("GET", "/report", "/report" + U, "READ"),
            new Sample("GET", "/dossier", "/dossier?id=" + D1, "READ"),
            new Sample("POST", "/api/sql", "/api/sql", "SQL", JSON_TYPE, "{\"sql\":\"SELECT 1 AS one\"}"),
            new Sample("POST", "/api/sql.csv", "/api/sql.csv", "SQL", FORM_TYPE, "sql=SELECT+1+AS+one"),
            new Sample("GET", "/api/schema", "/api/schema", "SQL"),
            new Sample("GET", "/analyst", "/analyst", "SQL"),
            new Sample("GET", "/api/admin/users", "/api/admin/users", "ADMIN"),
            // The user created here is the one changed next: the callers' own sessions stay untouched.
            new Sample("POST", "/api/admin/users", "/api/admin/users", "ADMIN", JSON_TYPE,
                    "{\"username\":\"matrix.user\",\"role\":\"LEADER\",\"password\":\"" + NEW_PASSWORD + "\"}"),
            new Sample("PUT", "/api/admin/users/{username}", "/api/admin/users/matrix.user", "ADMIN", JSON_TYPE,
                    "{\"displayName\":\"Người kiểm thử ma trận\",\"role\":\"DEPARTMENT_HEAD\",\"unitCode\":\"" + DEPARTMENT + "\"}"),
            new Sample("POST", "/api/admin/users/{username}/password", "/api/admin/users/matrix.user/password", "ADMIN", JSON_TYPE,
                    "{\"password\":\"" + NEW_PASSWORD + "-2\"}"),
            new Sample("GET", "/api/admin/catalog", "/api/admin/catalog", "ADMIN"),
            new Sample("GET", "/api/admin/catalog/{file}", "/api/admin/catalog/units.csv", "ADMIN"),
            new Sample("PUT", "/api/admin/catalog/{file}", "/api/admin/catalog/calendar.csv", "ADMIN", "text/csv",
                    "date,kind,name\n2026-01-01,HOLIDAY,Tết Dương lịch\n"),
            new Sample("GET", "/api/admin/dead-letters", "/api/admin/dead-letters", "ADMIN"),
            new Sample("POST", "/api/admin/dead-letters/replay", "/api/admin/dead-letters/replay", "ADMIN", JSON_TYPE,
                    "{\"reasonCode\":\"UNKNOWN_UNIT\"}"),
            new Sample("GET", "/admin", "/admin", "ADMIN"),
            // Last: signing out ends the caller's session.
            new Sample("POST", "/logout", "/logout", "PUBLIC"));

    @BeforeAll
    static void setUp() throws Exception {
        fixture = DashboardFixture.create("roles");
    }

    @AfterAll
    static void tearDown() {
        fixture.client.close();
    }

    @Test
    void everyRouteIsInTheMatrixWithTheAccessItDeclares() {
        DashboardApp app = fixture.app();
        app.javalin();
        Set<String> registered = app.routes().stream().map(r -> r.method() + " " + r.path() + " " + r.access())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> sampled = SAMPLES.stream().map(s -> s.method() + " " + s.route() + " [" + s.access() + "]")
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(registered).isEqualTo(sampled);
    }

    /**
     * An app whose administration works: its own users file (the test users), a catalog directory (the
     * sample province's files) and a replay that answers without Kafka.
     */
    private static DashboardApp administrableApp(Path dir) throws IOException {
        return fixture.app(TestUsers.directoryInFile(dir.resolve("users.properties"), fixture.catalogs),
                new Administration(CatalogDirectory.of(DashboardFixture.catalogDirectory(dir.resolve("catalogs"))), new RecordedReplays()));
    }

    @Test
    void everyApiRouteIsDescribedInTheOpenApiDocument() throws IOException {
        DashboardApp app = fixture.app();
        app.javalin();
        JsonNode paths;
        try (InputStream in = DashboardApp.class.getResourceAsStream("/openapi.json")) {
            paths = JSON.readTree(in).get("paths");
        }
        List<String> missing = new ArrayList<>();
        for (DashboardApp.Route r : app.routes()) {
            // The API: every route under /api/ but the document itself, and the sign-in form's POSTs.
            boolean api = r.path().startsWith("/api/") ? !r.path().equals("/api/openapi.json")
                    : r.method().equals("POST") && (r.path().equals("/login") || r.path().equals("/logout"));
            if (api && !paths.path(r.path()).has(r.method().toLowerCase(Locale.ROOT))) {
                missing.add(r.method() + " " + r.path());
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void eachCallerReachesExactlyWhatItsRoleAllows(@TempDir Path dir) throws IOException {
        Javalin javalin = administrableApp(dir).javalin();
        JavalinTest.test(javalin, (server, http) -> {
            Map<Caller, Consumer<Request.Builder>> auth = callers(http);
            List<String> wrong = new ArrayList<>();
            for (Sample s : SAMPLES) {
                for (Caller c : Caller.values()) {
                    int code = call(http, s, auth.get(c));
                    boolean allowed = ALLOWED.get(s.access()).contains(c);
                    boolean refused = code == 401 || code == 403 || (code == 302 && c == Caller.NOBODY && !s.url().startsWith("/api/")
                            && !s.access().equals("PUBLIC"));
                    boolean ok = allowed ? !refused && code < 400 : refused;
                    if (!ok) {
                        wrong.add(s.method() + " " + s.url() + " as " + c + ": HTTP " + code + (allowed ? " (should pass)" : " (should be refused)"));
                    }
                }
            }
            assertThat(wrong).isEmpty();
        });
    }

    @Test
    void aDepartmentHeadSeesOnlyTheSubtreeOfTheirUnit() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            String head = TestUsers.login(http, "head");
            Consumer<Request.Builder> as = TestUsers.as(head);
            for (String outside : List.of(
                    "/api/kpi?unit=" + PROVINCE + P, "/api/kpi?unit=" + JUSTICE + P, "/api/kpi/children?unit=" + PROVINCE + P,
                    "/api/kpi/trend?unit=" + PROVINCE + P, "/api/scorecard?unit=" + PROVINCE + P, "/api/alerts?unit=" + PROVINCE,
                    "/api/late?unit=" + PROVINCE + P, "/api/kpi/procedures?unit=" + PROVINCE + P,
                    "/api/report?unit=" + PROVINCE, "/api/report.csv?unit=" + JUSTICE, "/api/report.xlsx?unit=" + PROVINCE,
                    "/api/dossiers?unit=" + COMMUNE, "/api/dossiers/" + D2, "/report?unit=" + PROVINCE, "/dossier?id=" + D2,
                    "/api/kpi?unit=000.99.99.H23" + P)) {
                try (Response r = TestUsers.getRaw(http, outside, as)) {
                    assertThat(r.code()).as(outside).isEqualTo(403);
                }
            }
            JsonNode kpi = json(http, "/api/kpi?from=2026-03-01&to=2026-03-31", as);
            assertThat(kpi.get("unit").asText()).isEqualTo(DEPARTMENT); // their unit by default
            assertThat(texts(json(http, "/api/dossiers", as).get("dossiers"), "dossierId")).containsExactly(D3, D1, D5);
            assertThat(texts(json(http, "/api/alerts", as).get("alerts"), "dossierId")).containsExactly(D3, D1);
            assertThat(texts(json(http, "/api/units", as), "code")).containsExactly(DEPARTMENT);
            try (Response wall = TestUsers.getRaw(http, "/", as)) {
                assertThat(wall.code()).isEqualTo(302);
                assertThat(wall.header("Location")).isEqualTo("/report?unit=" + DEPARTMENT);
            }
            try (Response page = TestUsers.getRaw(http, "/report?unit=" + PROVINCE, as)) {
                assertThat(page.header("Content-Type")).startsWith("text/html");
                assertThat(page.body().string()).contains("Không có quyền truy cập");
            }

            String district = TestUsers.login(http, "district");
            assertThat(json(http, "/api/kpi?unit=" + COMMUNE + P, TestUsers.as(district)).get("received").asLong()).isEqualTo(5);
            assertThat(json(http, "/api/dossiers/" + D2, TestUsers.as(district)).get("dossier").get("dossierId").asText()).isEqualTo(D2);
        });
    }

    @Test
    void theWallTokenReachesOnlyTheWall() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            assertThat(json(http, "/api/kpi?unit=" + PROVINCE + P + "&token=" + TestUsers.WALL_TOKEN, b -> { }).get("received").asLong())
                    .isEqualTo(19);
            assertThat(json(http, "/api/kpi?unit=" + PROVINCE + P, b -> b.header("X-IOC-Token", TestUsers.WALL_TOKEN))
                    .get("received").asLong()).isEqualTo(19);
            try (Response r = TestUsers.getRaw(http, "/?kiosk=1&token=" + TestUsers.WALL_TOKEN, b -> { })) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.body().string()).contains("id=\"receivedToday\"");
            }
            try (Response r = TestUsers.getRaw(http, "/api/kpi?unit=" + PROVINCE + P + "&token=wrong", b -> { })) {
                assertThat(r.code()).isEqualTo(401);
            }
            try (Response r = TestUsers.getRaw(http, "/api/dossiers?token=" + TestUsers.WALL_TOKEN, b -> { })) {
                assertThat(r.code()).isEqualTo(403);
            }
            try (Response r = TestUsers.getRaw(http, "/report", b -> { })) {
                assertThat(r.code()).isEqualTo(302);
                assertThat(r.header("Location")).isEqualTo("/login?next=%2Freport");
            }
        });
    }

    private static Map<Caller, Consumer<Request.Builder>> callers(HttpClient http) {
        Map<Caller, Consumer<Request.Builder>> auth = new LinkedHashMap<>();
        auth.put(Caller.NOBODY, b -> { });
        auth.put(Caller.WALL, TestUsers.wall());
        auth.put(Caller.LEADER, TestUsers.as(TestUsers.login(http, "leader")));
        auth.put(Caller.HEAD, TestUsers.as(TestUsers.login(http, "head")));
        auth.put(Caller.ANALYST, TestUsers.as(TestUsers.login(http, "analyst")));
        auth.put(Caller.ADMIN, TestUsers.as(TestUsers.login(http, "admin")));
        return auth;
    }

    private static int call(HttpClient http, Sample s, Consumer<Request.Builder> auth) {
        OkHttpClient client = http.getOkHttp().newBuilder().followRedirects(false).readTimeout(5, TimeUnit.SECONDS).build();
        Request.Builder b = new Request.Builder().url(http.getOrigin() + s.url());
        auth.accept(b);
        if (!s.method().equals("GET")) {
            // A write from the dashboard's own page: the browser names its origin.
            b.header("Origin", http.getOrigin());
            b.method(s.method(), RequestBody.create(s.body() == null ? "" : s.body(),
                    s.contentType() == null ? null : MediaType.get(s.contentType())));
        }
        try (Response r = client.newCall(b.build()).execute()) {
            return r.code(); // for the event stream the status arrives with the first event; the body is not read
        } catch (IOException e) {
            throw new UncheckedIOException(s.url(), e);
        }
    }

    private static JsonNode json(HttpClient http, String url, Consumer<Request.Builder> auth) {
        try (Response r = TestUsers.getRaw(http, url, auth)) {
            String body = r.body().string();
            assertThat(r.code()).as(url + " " + body).isEqualTo(200);
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
