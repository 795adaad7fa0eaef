package vn.ioc.dashboard.status;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The health of each part and the freshness of the numbers, for {@code GET /api/status} and the
 * wall display's stale warning. Every check is bounded in time and reports its failure instead of
 * throwing, so the status page works best when something is down.
 */
public final class PipelineStatus {

    private final Client clickhouse;
    private final KafkaProgress kafka;
    private final String flinkUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** kafka and flinkUrl may be null when the dashboard runs without them (their status says so). */
    public PipelineStatus(Client clickhouse, KafkaProgress kafka, String flinkUrl) {
        this.clickhouse = clickhouse;
        this.kafka = kafka;
        this.flinkUrl = flinkUrl;
    }

    public Map<String, Object> status() {
        Map<String, Object> components = new LinkedHashMap<>();
        Map<String, Object> out = new LinkedHashMap<>();

        Instant newest = null;
        boolean clickhouseUp;
        try {
            List<GenericRecord> rows = clickhouse.queryAll("SELECT toUnixTimestamp64Milli(max(at)) AS t, count() AS n FROM events");
            long n = rows.get(0).getLong("n");
            newest = n == 0 ? null : Instant.ofEpochMilli(rows.get(0).getLong("t"));
            components.put("clickhouse", component(true, "reachable"));
            clickhouseUp = true;
        } catch (Exception e) {
            components.put("clickhouse", component(false, e.getMessage()));
            clickhouseUp = false;
        }

        KafkaProgress.Progress progress = null;
        if (kafka == null) {
            components.put("kafka", notConfigured("IOC_KAFKA_BOOTSTRAP"));
        } else {
            try {
                progress = kafka.progress();
                components.put("kafka", component(true, "reachable"));
            } catch (Exception e) {
                components.put("kafka", component(false, rootMessage(e)));
            }
        }

        if (flinkUrl == null) {
            components.put("flink", notConfigured("IOC_FLINK_URL"));
        } else {
            components.put("flink", flink());
        }

        out.put("components", components);
        out.put("caughtUp", clickhouseUp && progress != null && progress.lag() == 0);
        out.put("newestEventAt", newest == null ? null : newest.atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toOffsetDateTime().toString());
        out.put("acceptedEvents", progress == null ? null : progress.accepted());
        out.put("appliedEvents", progress == null ? null : progress.applied());
        out.put("consumerLag", progress == null ? null : progress.lag());
        out.put("deadLetters", clickhouseUp ? deadLetters() : null);
        out.put("checkedAt", Instant.now().atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toOffsetDateTime().toString());
        return out;
    }

    /**
     * Every event refused so far (at the ingest door and by the analytics job), by reason; pending
     * ones have not been replayed by an operator yet.
     */
    private Map<String, Object> deadLetters() {
        Map<String, Object> byReason = new java.util.TreeMap<>();
        long total = 0;
        long pending = 0;
        try {
            for (GenericRecord r : clickhouse.queryAll("""
                    SELECT toString(d.reason_code) AS reason, count() AS n, countIf(r.dead_letter_id = '') AS pending
                    FROM (SELECT source, id, reason_code FROM dead_letters FINAL) AS d
                    LEFT JOIN (SELECT source, dead_letter_id FROM dead_letter_replays FINAL) AS r
                      ON d.source = r.source AND d.id = r.dead_letter_id
                    GROUP BY reason ORDER BY reason""")) {
                long n = r.getLong("n");
                long p = r.getLong("pending");
                byReason.put(r.getString("reason"), Map.of("total", n, "pending", p));
                total += n;
                pending += p;
            }
        } catch (Exception e) {
            return Map.of("error", rootMessage(e));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", total);
        out.put("pending", pending);
        out.put("byReason", byReason);
        return out;
    }

    private Map<String, Object> flink() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(flinkUrl + "/jobs/overview"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return component(false, "HTTP " + r.statusCode());
            }
            FlinkJobHealth.Health health = FlinkJobHealth.of(r.body());
            return component(health.up(), health.detail());
        } catch (Exception e) {
            return component(false, rootMessage(e));
        }
    }

    private static Map<String, Object> component(boolean up, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("up", up);
        m.put("detail", detail);
        m.put("configured", true);
        return m;
    }

    /** A part this dashboard was started without: not up, but not a failure to warn about either. */
    private static Map<String, Object> notConfigured(String variable) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("up", false);
        m.put("detail", "not configured (" + variable + ")");
        m.put("configured", false);
        return m;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
