package vn.ioc.infra.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Submits the analytics job to a Flink cluster, resuming from its last savepoint or retained
 * checkpoint, and stops it with a savepoint.
 */
final class AnalyticsJob {

    /** What happened on submit: the job id, and where its state came from (empty: a fresh start). */
    record Submission(String jobId, boolean alreadyRunning, Optional<RestorePoints.RestorePoint> restoredFrom,
                      String actualName) {
    }

    private static final Set<String> STOPPED_STATES = Set.of("FAILED", "FAILING", "CANCELED", "CANCELLING",
            "FINISHED", "SUSPENDED");

    private final FlinkRestClient rest;
    private final Path jar;
    private final String entryClass;
    private final String name;

    AnalyticsJob(FlinkRestClient rest, Path jar, String entryClass, String name) {
        this.rest = rest;
        this.jar = jar;
        this.entryClass = entryClass;
        this.name = name;
    }

    /** Whether a job of this name runs on the cluster now. */
    boolean running() throws IOException, InterruptedException {
        return rest.runningJobNamed(name).isPresent();
    }

    /**
     * Leaves a running job of the same name alone; otherwise uploads the jar and runs it from
     * {@code restorePoint} when given, then waits until all its tasks run.
     */
    Submission submit(List<String> programArgs, Optional<RestorePoints.RestorePoint> restorePoint, Duration timeout)
            throws StartupException, InterruptedException {
        try {
            Optional<FlinkRestClient.JobSummary> running = rest.runningJobNamed(name);
            if (running.isPresent()) {
                return new Submission(running.get().id(), true, Optional.empty(), name);
            }
            String jarId = rest.uploadJar(jar);
            String jobId;
            try {
                jobId = rest.runJar(jarId, entryClass, programArgs, restorePoint.map(RestorePoints.RestorePoint::uri));
            } catch (IOException e) {
                throw restorePoint.isPresent() ? cannotResume(restorePoint.get(), e.getMessage())
                        : new StartupException("Flink could not run " + entryClass + ": " + e.getMessage(), e);
            }
            String[] actualName = {name};
            Await.until("the analytics job to run", timeout, () -> {
                FlinkRestClient.JobDetails job = rest.jobDetails(jobId);
                actualName[0] = job.name();
                if (STOPPED_STATES.contains(job.state())) {
                    String failure = rest.latestFailure(jobId);
                    if (restorePoint.isPresent()) {
                        throw cannotResume(restorePoint.get(), "the job is " + job.state() + ": " + failure);
                    }
                    throw new StartupException("The analytics job " + jobId + " is " + job.state() + ": " + failure
                            + " (see the Flink web UI " + rest.baseUrl() + ")");
                }
                return job.allTasksRunning();
            }, List.of());
            return new Submission(jobId, false, restorePoint, actualName[0]);
        } catch (IOException e) {
            throw new StartupException("Cannot submit the analytics job to " + rest.baseUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Stops the job after a savepoint into {@code targetDirectory}; returns the savepoint's location. */
    String stopWithSavepoint(String jobId, Optional<String> targetDirectory, Duration timeout)
            throws IOException, InterruptedException {
        return rest.stopWithSavepoint(jobId, targetDirectory, timeout);
    }

    private static StartupException cannotResume(RestorePoints.RestorePoint point, String reason) {
        return new StartupException("The analytics job could not resume from the " + point.kind() + " "
                + point.directory() + ": " + reason + ". To start it without that state, move that directory"
                + " aside (a savepoint is recorded in DATA/flink/last-savepoint) and run again.");
    }
}
