package vn.ioc.dashboard.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Whether the analytics job is at work, from Flink's {@code GET /jobs/overview}. A job whose state is
 * RUNNING is not enough: after a TaskManager is lost, Flink restarts the job within a second and
 * calls it RUNNING again while its tasks wait for slots on a new TaskManager, and meanwhile nothing is
 * processed. The job is up when one job is RUNNING with every task running (or finished, as the
 * sources of a bounded replay do).
 */
public final class FlinkJobHealth {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the status page says about Flink. */
    public record Health(boolean up, String detail) {
    }

    private FlinkJobHealth() {
    }

    public static Health of(String jobsOverviewJson) {
        JsonNode jobs;
        try {
            jobs = JSON.readTree(jobsOverviewJson).path("jobs");
        } catch (Exception e) {
            return new Health(false, "unreadable answer from Flink: " + e.getMessage());
        }
        Health best = new Health(false, "no running job");
        for (JsonNode job : jobs) {
            String state = job.path("state").asText();
            if (state.equals("RESTARTING") || state.equals("FAILING") || state.equals("CREATED")) {
                best = new Health(false, "job " + state.toLowerCase(java.util.Locale.ROOT));
            }
            if (!state.equals("RUNNING")) {
                continue;
            }
            JsonNode tasks = job.path("tasks");
            long total = tasks.path("total").asLong();
            long running = tasks.path("running").asLong();
            long working = running + tasks.path("finished").asLong();
            if (total > 0 && running > 0 && working == total) {
                return new Health(true, "job running");
            }
            best = new Health(false, "job starting its tasks: " + running + " of " + total + " running");
        }
        return best;
    }
}
