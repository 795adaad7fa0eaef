package vn.ioc.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The part of Flink's REST API the launcher uses: cluster overview, jobs, jar upload and run, stop with savepoint. */
public final class FlinkRestClient {

    public record ClusterOverview(int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning,
                                  String flinkVersion) {
    }

    public record JobSummary(String id, String name, String state) {
        public boolean isRunning() {
            return state.equals("RUNNING");
        }
    }

    /** A job's state and whether every one of its tasks runs (a RUNNING job may still be deploying tasks). */
    public record JobDetails(String id, String name, String state, boolean allTasksRunning) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final HttpClient http;

    public FlinkRestClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public ClusterOverview overview() throws IOException, InterruptedException {
        JsonNode node = get("/overview");
        return new ClusterOverview(node.path("taskmanagers").asInt(), node.path("slots-total").asInt(),
                node.path("slots-available").asInt(), node.path("jobs-running").asInt(),
                node.path("flink-version").asText(""));
    }

    public List<JobSummary> jobs() throws IOException, InterruptedException {
        List<JobSummary> jobs = new ArrayList<>();
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            jobs.add(new JobSummary(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText()));
        }
        return jobs;
    }

    public Optional<JobSummary> runningJobNamed(String name) throws IOException, InterruptedException {
        return jobs().stream().filter(job -> job.name().equals(name) && job.isRunning()).findFirst();
    }

    public JobSummary job(String jobId) throws IOException, InterruptedException {
        JsonNode job = get("/jobs/" + jobId);
        return new JobSummary(job.path("jid").asText(jobId), job.path("name").asText(), job.path("state").asText());
    }

    public JobDetails jobDetails(String jobId) throws IOException, InterruptedException {
        JsonNode job = get("/jobs/" + jobId);
        boolean allRunning = job.path("vertices").size() > 0;
        for (JsonNode vertex : job.path("vertices")) {
            allRunning &= "RUNNING".equals(vertex.path("status").asText());
        }
        return new JobDetails(job.path("jid").asText(jobId), job.path("name").asText(), job.path("state").asText(),
                allRunning);
    }

    /** The most recent failure of a job, one line, or empty. */
    public String latestFailure(String jobId) {
        try {
            JsonNode node = get("/jobs/" + jobId + "/exceptions");
            JsonNode entries = node.path("exceptionHistory").path("entries");
            String trace = entries.size() > 0 ? entries.get(0).path("stacktrace").asText("")
                    : node.path("root-exception").asText("");
            return firstLines(trace, 3);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Uploads a job jar; returns the id to run it by. */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "----ioc-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName() + "\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jars/upload"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        JsonNode response = send(request);
        String filename = response.path("filename").asText("");
        if (!"success".equals(response.path("status").asText()) || filename.isEmpty()) {
            throw new IOException("Flink did not accept " + jar.getFileName() + ": " + response);
        }
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    /** Runs an uploaded jar; {@code savepointPath} restores the job's state. Returns the job id. */
    public String runJar(String jarId, String entryClass, List<String> programArgs, Optional<String> savepointPath)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", entryClass);
        body.set("programArgsList", JSON.valueToTree(programArgs));
        savepointPath.ifPresent(path -> body.put("savepointPath", path));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jars/" + jarId + "/run"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        String jobId = send(request).path("jobid").asText("");
        if (jobId.isEmpty()) {
            throw new IOException("Flink did not return a job id for " + entryClass);
        }
        return jobId;
    }

    /**
     * Stops a job after a savepoint into {@code targetDirectory} (a URI such as {@code file:///...}, or
     * empty for the cluster's default) and returns the savepoint's location.
     */
    public String stopWithSavepoint(String jobId, Optional<String> targetDirectory, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        targetDirectory.ifPresent(dir -> body.put("targetDirectory", dir));
        body.put("drain", false);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + jobId + "/stop"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String triggerId = send(request).path("request-id").asText();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + triggerId);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.hasNonNull("location")) {
                    awaitTerminal(jobId, deadline);
                    return operation.path("location").asText();
                }
                String failure = firstLines(operation.path("failure-cause").path("stack-trace").asText(""), 3);
                // A job still deploying (or restarting) its tasks cannot take a savepoint yet: ask again.
                if (failure.contains("Not all required tasks are currently running") && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    triggerId = send(request).path("request-id").asText();
                    continue;
                }
                throw new IOException("Savepoint failed: " + failure);
            }
            Thread.sleep(200);
        }
        throw new IOException("The savepoint did not complete within " + timeout.toSeconds() + " s");
    }

    /** The savepoint is complete before the job has finished: wait for that too, so nothing is left mid-stop. */
    private void awaitTerminal(String jobId, long deadline) throws IOException, InterruptedException {
        while (System.nanoTime() < deadline) {
            String state = job(jobId).state();
            if (state.equals("FINISHED") || state.equals("CANCELED") || state.equals("FAILED")) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT).GET().build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Flink " + request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + errorText(response.body()));
        }
        return JSON.readTree(response.body());
    }

    private static String errorText(String body) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            List<String> lines = new ArrayList<>();
            errors.forEach(error -> lines.add(firstLines(error.asText(), 4)));
            return lines.isEmpty() ? body : String.join(" | ", lines);
        } catch (IOException e) {
            return body;
        }
    }

    /** The messages of a Java stack trace (the exception and its causes), without the frames. */
    private static String firstLines(String text, int count) {
        return text.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("at ") && !line.matches("\\.\\.\\. \\d+ more"))
                .limit(count)
                .reduce((a, b) -> a + " / " + b).orElse("");
    }
}
