package vn.ioc.infra.clickhouse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP interface as ClickHouse documents it, spoken directly. */
class HttpInterfaceTest {

    static LocalClickHouse ch;
    static String db;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        ch = LocalClickHouse.get();
        db = ch.newDatabase("http");
        post("database=" + db, "CREATE TABLE t (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
    }

    @Test
    void answersHealthChecks() throws Exception {
        for (String path : new String[]{"/ping", "/replicas_status", "/"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ch.url() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("Ok.\n");
        }
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(ch.url() + "/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void sendsClickHouseResponseHeaders() throws Exception {
        HttpResponse<String> response = post("query_id=my-query&default_format=JSONEachRow",
                "SELECT number AS n FROM system.numbers LIMIT 2");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"n\":0}\n{\"n\":1}\n");
        assertThat(response.headers().firstValue("X-ClickHouse-Format")).hasValue("JSONEachRow");
        assertThat(response.headers().firstValue("X-ClickHouse-Query-Id")).hasValue("my-query");
        assertThat(response.headers().firstValue("X-ClickHouse-Timezone")).isPresent();
        assertThat(response.headers().firstValue("X-ClickHouse-Server-Display-Name")).isPresent();
        assertThat(response.headers().firstValue("X-ClickHouse-Summary").orElseThrow())
                .contains("\"read_rows\":\"2\"", "\"result_rows\":\"2\"", "\"elapsed_ns\":\"");
    }

    @Test
    void aFormatClauseWinsOverTheDefaultFormat() throws Exception {
        HttpResponse<String> response = post("default_format=JSONEachRow", "SELECT 1 AS one FORMAT CSVWithNames");
        assertThat(response.body()).isEqualTo("\"one\"\n1\n");
        assertThat(response.headers().firstValue("X-ClickHouse-Format")).hasValue("CSVWithNames");
    }

    @Test
    void takesTheQueryFromTheUrlOnGet() throws Exception {
        HttpResponse<String> response = get("query=" + enc("SELECT 40 + 2"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("42\n");
    }

    @Test
    void aGetIsReadOnlyAsInClickHouse() throws Exception {
        HttpResponse<String> response = get("database=" + db + "&query=" + enc("INSERT INTO t VALUES (1, 'a')"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("164");
    }

    @Test
    void insertsDataFromTheBodyWithTheQueryInTheUrl() throws Exception {
        HttpResponse<String> insert = post("database=" + db + "&query=" + enc("INSERT INTO t FORMAT CSV"),
                "10,ten\n11,eleven\n");
        assertThat(insert.statusCode()).isEqualTo(200);
        assertThat(insert.headers().firstValue("X-ClickHouse-Summary").orElseThrow()).contains("\"written_rows\":\"2\"");
        HttpResponse<String> values = post("database=" + db, "INSERT INTO t VALUES (12, 'twelve'), (13, 'it''s')");
        assertThat(values.statusCode()).isEqualTo(200);
        HttpResponse<String> inline = post("database=" + db, "INSERT INTO t FORMAT TSV\n14\tfourteen\n");
        assertThat(inline.statusCode()).isEqualTo(200);
        assertThat(post("database=" + db, "SELECT id, name FROM t WHERE id BETWEEN 10 AND 14 ORDER BY id").body())
                .isEqualTo("10\tten\n11\televen\n12\ttwelve\n13\tit\\'s\n14\tfourteen\n");
    }

    @Test
    void bindsParamsFromTheUrl() throws Exception {
        HttpResponse<String> response = post("param_id=" + enc("7") + "&param_name=" + enc("Đà Nẵng"),
                "SELECT {id:UInt8} * 6, {name:String}");
        assertThat(response.body()).isEqualTo("42\tĐà Nẵng\n");
    }

    @Test
    void readonlyRejectsWritesWithCode164() throws Exception {
        HttpResponse<String> insert = post("database=" + db + "&readonly=1", "INSERT INTO t VALUES (99, 'no')");
        assertThat(insert.statusCode()).isEqualTo(500);
        assertThat(insert.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("164");
        assertThat(insert.body()).startsWith("Code: 164. DB::Exception:").contains("(READONLY)");
        HttpResponse<String> create = post("readonly=1", "CREATE TABLE nope (x UInt8) ENGINE = Memory");
        assertThat(create.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("164");
        HttpResponse<String> streamed = post("database=" + db + "&readonly=1&query=" + enc("INSERT INTO t FORMAT CSV"), "99,no\n");
        assertThat(streamed.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("164");
        assertThat(post("readonly=1", "SELECT 1").body()).isEqualTo("1\n");
        assertThat(post("database=" + db, "SELECT count() FROM t WHERE id = 99").body()).isEqualTo("0\n");
    }

    @Test
    void settingsInTheUrlHoldForThatQueryOnly() throws Exception {
        assertThat(post("max_result_rows=10&result_overflow_mode=break&max_block_size=10",
                "SELECT count() FROM (SELECT number FROM numbers(1000))").body()).isEqualTo("1000\n");
        HttpResponse<String> limited = post("max_result_rows=10&max_block_size=10", "SELECT number FROM numbers(1000)");
        assertThat(limited.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("396");
        assertThat(post("", "SELECT getSetting('max_result_rows')").body()).isEqualTo("0\n");
        HttpResponse<String> unknown = post("no_such_setting=1", "SELECT 1");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("115");
    }

    /** Connections are pooled per set of settings: a configured one serves the same set again, never another. */
    @Test
    void pooledConnectionsKeepTheirSettingsToThemselves() throws Exception {
        post("database=" + db, "CREATE TABLE pooled (id UInt32) ENGINE = MergeTree ORDER BY id");
        for (int round = 0; round < 3; round++) {
            assertThat(post("readonly=1", "SELECT getSetting('readonly')").body()).isEqualTo("1\n");
            assertThat(post("max_result_rows=7", "SELECT getSetting('max_result_rows')").body()).isEqualTo("7\n");
            assertThat(post("max_result_rows=8", "SELECT getSetting('max_result_rows')").body()).isEqualTo("8\n");
            assertThat(post("max_result_rows=7&readonly=1", "SELECT getSetting('max_result_rows'), getSetting('readonly')").body())
                    .isEqualTo("7\t1\n");
            assertThat(post("", "SELECT getSetting('max_result_rows'), getSetting('readonly')").body()).isEqualTo("0\t0\n");
            HttpResponse<String> write = post("database=" + db, "INSERT INTO pooled VALUES (" + round + ")");
            assertThat(write.statusCode()).isEqualTo(200);
        }
        assertThat(post("database=" + db, "SELECT count() FROM pooled").body()).isEqualTo("3\n");
    }

    @Test
    void reportsErrorsAsClickHouseDoes() throws Exception {
        HttpResponse<String> syntax = post("", "SELEC 1");
        assertThat(syntax.statusCode()).isEqualTo(400);
        assertThat(syntax.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("62");
        assertThat(syntax.body()).startsWith("Code: 62. DB::Exception: Syntax error").contains("(SYNTAX_ERROR)");
        HttpResponse<String> unknownTable = post("", "SELECT * FROM default.no_such_table");
        assertThat(unknownTable.statusCode()).isEqualTo(404);
        assertThat(unknownTable.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("60");
        HttpResponse<String> unknownDatabase = post("database=no_such_db", "SELECT 1");
        assertThat(unknownDatabase.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("81");
    }

    @Test
    void takesTheDatabaseFromTheHeaderToo() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ch.url() + "/"))
                .header("X-ClickHouse-Database", db)
                .header("X-ClickHouse-Format", "TSVWithNames")
                .POST(HttpRequest.BodyPublishers.ofString("SELECT currentDatabase() AS d")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("d\n" + db + "\n");
    }

    @Test
    void acceptsTheDefaultUserOnly() throws Exception {
        HttpResponse<String> good = http.send(HttpRequest.newBuilder(URI.create(ch.url() + "/"))
                .header("Authorization", basic("default", ClickHouseLocalServer.configuredPassword()))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(good.statusCode()).isEqualTo(200);
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(ch.url() + "/"))
                .header("Authorization", basic("default", "wrong-" + ClickHouseLocalServer.configuredPassword()))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(403);
        assertThat(bad.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("516");
        assertThat(bad.body()).contains("(AUTHENTICATION_FAILED)");
        HttpResponse<String> otherUser = http.send(HttpRequest.newBuilder(URI.create(ch.url() + "/"))
                .header("X-ClickHouse-User", "admin")
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherUser.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("516");
    }

    static HttpResponse<String> post(String urlParams, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ch.url() + "/?" + urlParams))
                .header("Authorization", basic("default", ClickHouseLocalServer.configuredPassword()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String urlParams) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ch.url() + "/?" + urlParams))
                .header("Authorization", basic("default", ClickHouseLocalServer.configuredPassword())).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
