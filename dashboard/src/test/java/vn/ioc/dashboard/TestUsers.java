package vn.ioc.dashboard;

import com.clickhouse.client.api.Client;
import io.javalin.testtools.HttpClient;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import vn.ioc.dashboard.auth.Passwords;
import vn.ioc.dashboard.auth.Role;
import vn.ioc.dashboard.auth.User;
import vn.ioc.dashboard.auth.UserDirectory;
import vn.ioc.dashboard.status.PipelineStatus;
import vn.ioc.domain.catalog.Catalogs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The people of the tests: one per role, a department head of Sở Xây dựng and one of a former
 * district, all with the same password, and a wall token; plus sign-in over HTTP.
 */
public final class TestUsers {

    public static final String PASSWORD = "mat-khau-kiem-thu-1";
    public static final String WALL_TOKEN = "wall-token-of-the-tests";
    public static final String PROVINCE = "000.00.00.H23";
    /** Sở Xây dựng, a department without children. */
    public static final String DEPARTMENT = "000.00.12.H23";
    /** Huyện Vị Thủy, a former district whose communes are its subtree. */
    public static final String DISTRICT = "000.00.07.H23";
    public static final String DISTRICT_COMMUNE = "000.31.07.H23";

    private static UserDirectory directory;

    private TestUsers() {
    }

    public static synchronized UserDirectory directory(Catalogs catalogs) {
        if (directory == null) {
            String hash = Passwords.hash(PASSWORD);
            directory = UserDirectory.of(List.of(
                    new User("leader", Role.LEADER, null, hash),
                    new User("head", Role.DEPARTMENT_HEAD, DEPARTMENT, hash),
                    new User("district", Role.DEPARTMENT_HEAD, DISTRICT, hash),
                    new User("analyst", Role.ANALYST, null, hash),
                    new User("admin", Role.ADMIN, null, hash)), Map.of("test-wall", WALL_TOKEN), catalogs.units());
        }
        return directory;
    }

    public static DashboardApp app(Catalogs catalogs, Client client, PipelineStatus status) {
        return new DashboardApp(catalogs, client, status, directory(catalogs),
                DashboardApp.Options.defaults("jdbc:clickhouse:http://127.0.0.1:8123/ioc?compress=false"));
    }

    /** Adds the wall token to a request. */
    public static Consumer<Request.Builder> wall() {
        return b -> b.header("Authorization", "Bearer " + WALL_TOKEN);
    }

    /** Adds a session cookie to a request. */
    public static Consumer<Request.Builder> as(String sessionCookie) {
        return b -> b.header("Cookie", sessionCookie);
    }

    /** Signs in through the form and returns the cookie header value ("ioc_session=..."). */
    public static String login(HttpClient http, String username) {
        return login(http, username, PASSWORD);
    }

    public static String login(HttpClient http, String username, String password) {
        try (Response r = signIn(http, username, password)) {
            String setCookie = r.header("Set-Cookie");
            if (r.code() != 302 || setCookie == null) {
                throw new AssertionError("Sign-in of " + username + " failed: HTTP " + r.code() + " " + r.header("Location"));
            }
            return setCookie.substring(0, setCookie.indexOf(';'));
        }
    }

    /** The raw answer to the sign-in form, redirects not followed. */
    public static Response signIn(HttpClient http, String username, String password) {
        OkHttpClient noRedirects = http.getOkHttp().newBuilder().followRedirects(false).build();
        Request request = new Request.Builder().url(http.getOrigin() + "/login")
                .post(new FormBody.Builder().add("username", username).add("password", password).build()).build();
        try {
            return noRedirects.newCall(request).execute();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET without following redirects. */
    public static Response getRaw(HttpClient http, String path, Consumer<Request.Builder> auth) {
        OkHttpClient noRedirects = http.getOkHttp().newBuilder().followRedirects(false).build();
        Request.Builder b = new Request.Builder().url(http.getOrigin() + path);
        auth.accept(b);
        try {
            return noRedirects.newCall(b.build()).execute();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
