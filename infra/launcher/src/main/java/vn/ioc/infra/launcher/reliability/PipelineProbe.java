package vn.ioc.infra.launcher.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import vn.ioc.infra.launcher.HttpProbe;
import vn.ioc.infra.launcher.LauncherConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** What the reliability run reads from a running product: the dashboard's status, Kafka's end offsets, the tables. */
final class PipelineProbe {

    /** The KPI tables compared with the fault-free run, each read with FINAL in the order of its key. */
    static final Map<String, String> TABLES = new java.util.LinkedHashMap<>(Map.of());

    static {
        TABLES.put("events", "SELECT * FROM events FINAL ORDER BY dossier_id, event_id");
        TABLES.put("dossiers", "SELECT * FROM dossiers FINAL ORDER BY dossier_id");
        TABLES.put("late_dossiers", "SELECT * FROM late_dossiers FINAL ORDER BY unit_code, end_day, dossier_id");
        TABLES.put("kpi_daily", "SELECT * FROM kpi_daily FINAL ORDER BY unit_code, day");
        TABLES.put("kpi_procedure_daily", "SELECT * FROM kpi_procedure_daily FINAL ORDER BY unit_code, procedure_code, day");
        TABLES.put("kpi_procedure_monthly", "SELECT * FROM kpi_procedure_monthly FINAL ORDER BY unit_code, procedure_code, month");
        TABLES.put("alerts", "SELECT * FROM alerts FINAL ORDER BY dossier_id, kind, raised_at");
        TABLES.put("alerts_by_resolution", "SELECT * FROM alerts_by_resolution FINAL ORDER BY resolved_or_end, dossier_id, kind, raised_at");
        TABLES.put("alert_transitions", "SELECT * FROM alert_transitions FINAL ORDER BY at, dossier_id, kind, raised_at, change");
        TABLES.put("alert_daily", "SELECT * FROM alert_daily FINAL ORDER BY unit_code, current_unit_code, kind, day");
    }

    /** One reading of {@code GET /api/status}; empty fields when the dashboard did not answer. */
    record Status(boolean answered, boolean caughtUp, long accepted, long applied, long lag,
                  Map<String, Boolean> componentsUp) {
        static final Status NO_ANSWER = new Status(false, false, -1, -1, -1, Map.of());

        boolean up(String component) {
            return componentsUp.getOrDefault(component, false);
        }
    }

    /** A table as read: its rows and the SHA-256 of its text. */
    record TableDigest(long rows, String sha256) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final LauncherConfig config;

    PipelineProbe(LauncherConfig config) {
        this.config = config;
    }

    Status status() {
        try {
            HttpProbe.Response response = HttpProbe.get(config.dashboardUrl() + "/api/status");
            if (!response.ok()) {
                return Status.NO_ANSWER;
            }
            JsonNode json = JSON.readTree(response.body());
            Map<String, Boolean> up = new HashMap<>();
            json.path("components").fields().forEachRemaining(e -> up.put(e.getKey(), e.getValue().path("up").asBoolean()));
            return new Status(true, json.path("caughtUp").asBoolean(), json.path("acceptedEvents").asLong(-1),
                    json.path("appliedEvents").asLong(-1), json.path("consumerLag").asLong(-1), up);
        } catch (IOException e) {
            return Status.NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.NO_ANSWER;
        }
    }

    /** Events on the topic: the sum of its partitions' end offsets; empty when Kafka does not answer. */
    Optional<Long> publishedEvents() {
        return records(config.topic());
    }

    /** Records ever written to {@code topic}: the sum of its partitions' end offsets; empty when Kafka does not answer. */
    Optional<Long> records(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000"))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
                    .get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return Optional.of(admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
    }

    /** Writes the table's rows as TSV into {@code file} and returns their count and digest. */
    TableDigest dump(String table, Path file) throws IOException, InterruptedException {
        String url = config.clickhouseUrl() + "/?database=" + URLEncoder.encode(config.clickhouseDatabase(), StandardCharsets.UTF_8)
                + "&default_format=TabSeparated";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(TABLES.get(table), StandardCharsets.UTF_8)).build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long rows = 0;
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(file)) {
            if (response.statusCode() != 200) {
                throw new IOException("ClickHouse answered " + response.statusCode() + " to " + TABLES.get(table) + ": "
                        + new String(in.readNBytes(2000), StandardCharsets.UTF_8));
            }
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                sha.update(buffer, 0, n);
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        rows++;
                    }
                }
            }
        }
        return new TableDigest(rows, HexFormat.of().formatHex(sha.digest()));
    }

    /** The rows of a ClickHouse query, each split into its tab-separated fields. */
    List<String[]> query(String sql) throws IOException, InterruptedException {
        String url = config.clickhouseUrl() + "/?database=" + URLEncoder.encode(config.clickhouseDatabase(), StandardCharsets.UTF_8)
                + "&default_format=TabSeparated";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("ClickHouse answered " + response.statusCode() + " to " + sql + ": "
                    + response.body().substring(0, Math.min(2000, response.body().length())));
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    /** The dead letters {@code /api/status} counts ({@code deadLetters.total}); empty when it does not say. */
    OptionalLong deadLettersOnStatus() {
        try {
            HttpProbe.Response response = HttpProbe.get(config.dashboardUrl() + "/api/status");
            JsonNode total = response.ok() ? JSON.readTree(response.body()).path("deadLetters").path("total") : null;
            return total != null && total.isNumber() ? OptionalLong.of(total.asLong()) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    boolean clickhouseAnswers() {
        return HttpProbe.answers(config.clickhouseUrl() + "/ping");
    }
}
