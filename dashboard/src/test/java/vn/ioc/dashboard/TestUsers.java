package vn.ioc.dashboard;

import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import vn.ioc.dashboard.admin.Administration;
import vn.ioc.dashboard.auth.Passwords;
import vn.ioc.dashboard.auth.Role;
import vn.ioc.dashboard.auth.User;
import vn.ioc.dashboard.auth.UserDirectory;
import vn.ioc.dashboard.status.PipelineStatus;
import vn.ioc.domain.catalog.Catalogs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

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
    private static String passwordHash;

    private TestUsers() {
    }

    /** The users, kept in memory: shared by the tests that change no user. */
    public static synchronized UserDirectory directory(Catalogs catalogs) {
        if (directory == null) {
            directory = UserDirectory.of(users(), Map.of("test-wall", WALL_TOKEN), catalogs.units());
        }
        return directory;
    }

    /** The same users and wall token in a users file of their own, which the administration may change. */
    public static UserDirectory directoryInFile(Path file, Catalogs catalogs) {
        StringBuilder text = new StringBuilder();
        for (User u : users()) {
            text.append("user.").append(u.username()).append(" = ").append(u.role()).append(',')
                    .append(u.unitCode() == null ? "" : u.unitCode()).append(',').append(u.passwordHash()).append('\n');
        }
        text.append("wall.test-wall = ").append(sha256Hex(WALL_TOKEN)).append('\n');
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return UserDirectory.load(file, catalogs.units());
    }

    private static synchronized List<User> users() {
        if (passwordHash == null) {
            passwordHash = Passwords.hash(PASSWORD); // bcrypt is slow on purpose: once for every test
        }
        return List.of(
                new User("leader", Role.LEADER, null, passwordHash, null, true),
                new User("head", Role.DEPARTMENT_HEAD, DEPARTMENT, passwordHash, null, true),
                new User("district", Role.DEPARTMENT_HEAD, DISTRICT, passwordHash, null, true),
                new User("analyst", Role.ANALYST, null, passwordHash, null, true),
                new User("admin", Role.ADMIN, null, passwordHash, null, true));
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DashboardApp app(Catalogs catalogs, Client client, PipelineStatus status) {
        return app(catalogs, client, status, directory(catalogs), Administration.none());
    }

    public static DashboardApp app(Catalogs catalogs, Client client, PipelineStatus status, UserDirectory users,
                                   Administration administration) {
        return new DashboardApp(catalogs, client, status, users, administration,
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

    /**
     * A write (POST, PUT) with a body, as the dashboard's own page sends it: with the page's Origin (the
     * caller's {@code auth} may replace it) and without following redirects.
     */
    public static Response send(HttpClient http, String method, String path, Consumer<Request.Builder> auth,
                                String contentType, String body) {
        OkHttpClient noRedirects = http.getOkHttp().newBuilder().followRedirects(false).build();
        Request.Builder b = new Request.Builder().url(http.getOrigin() + path).header("Origin", http.getOrigin())
                .method(method, RequestBody.create(body, MediaType.get(contentType)));
        auth.accept(b);
        try {
            return noRedirects.newCall(b.build()).execute();
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

    /** The response's body as JSON, once its status is the one expected (the body in the message if not). */
    public static JsonNode json(Response r, int status, String what) {
        try (r) {
            String text = r.body().string();
            assertThat(r.code()).as(what + " -> " + text).isEqualTo(status);
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET {@code path} as {@code auth}, expecting 200 and JSON. */
    public static JsonNode getJson(HttpClient http, String path, Consumer<Request.Builder> auth) {
        return json(getRaw(http, path, auth), 200, path);
    }
}
