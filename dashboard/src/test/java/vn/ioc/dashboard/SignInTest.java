package vn.ioc.dashboard;

import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in over HTTP: the cookie, failures, sign-out, and the limit on guessing. */
class SignInTest {

    private static DashboardFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = DashboardFixture.create("signin");
    }

    @AfterAll
    static void tearDown() {
        fixture.client.close();
    }

    @Test
    void signInSetsAStrictHttpOnlyCookieAndLandsOnTheRolesHomePage() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            try (Response r = TestUsers.signIn(http, "head", TestUsers.PASSWORD)) {
                assertThat(r.code()).isEqualTo(302);
                assertThat(r.header("Location")).isEqualTo("/report?unit=" + TestUsers.DEPARTMENT);
                assertThat(r.header("Set-Cookie")).contains("ioc_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
            }
            try (Response r = TestUsers.signIn(http, "analyst", TestUsers.PASSWORD)) {
                assertThat(r.header("Location")).isEqualTo("/analyst");
            }
        });
    }

    @Test
    void aWrongPasswordGivesNoSessionAndSignOutEndsIt() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            try (Response r = TestUsers.signIn(http, "leader", "wrong password")) {
                assertThat(r.code()).isEqualTo(302);
                assertThat(r.header("Location")).isEqualTo("/login?error=1");
                assertThat(r.header("Set-Cookie")).isNull();
            }
            String cookie = TestUsers.login(http, "leader");
            try (Response me = http.get("/api/me", TestUsers.as(cookie))) {
                assertThat(me.code()).isEqualTo(200);
                assertThat(me.body().string()).contains("\"role\":\"LEADER\"");
            }
            try (Response out = http.getOkHttp().newBuilder().followRedirects(false).build().newCall(new okhttp3.Request.Builder()
                    .url(http.getOrigin() + "/logout").header("Cookie", cookie).post(okhttp3.RequestBody.create(new byte[0])).build()).execute()) {
                assertThat(out.code()).isEqualTo(302);
            }
            assertThat(http.get("/api/me", TestUsers.as(cookie)).code()).isEqualTo(401);
        });
    }

    @Test
    void tooManyFailuresLockTheUsernameForAWhile() {
        JavalinTest.test(fixture.app().javalin(), (server, http) -> {
            for (int i = 0; i < 10; i++) {
                TestUsers.signIn(http, "admin", "guess " + i).close();
            }
            try (Response r = TestUsers.signIn(http, "admin", TestUsers.PASSWORD)) {
                assertThat(r.header("Location")).isEqualTo("/login?error=locked");
                assertThat(r.header("Set-Cookie")).isNull();
            }
        });
    }
}
