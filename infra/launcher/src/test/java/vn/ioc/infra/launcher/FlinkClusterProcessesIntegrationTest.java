package vn.ioc.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real JobManager and TaskManager processes from infra/flink-cluster's jars: the cluster comes up,
 * runs a job, stops it with a savepoint, resumes it from there, and leaves no process behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class FlinkClusterProcessesIntegrationTest {

    @TempDir
    static Path dir;

    private FlinkClusterProcesses cluster;
    private FlinkRestClient rest;
    private final List<ProcessHandle> started = new ArrayList<>();
    private Duration ready;

    @BeforeAll
    void startCluster() throws Exception {
        ProjectLayout layout = ProjectLayout.locate(null, Path.of(""));
        cluster = new FlinkClusterProcesses(FlinkClusterProcesses.Settings.of(dir.resolve("flink"), dir.resolve("logs"),
                PortCheck.freePort(), PortCheck.freePort(), 2, layout.classpath(ProjectLayout.FLINK_CLUSTER)));
        cluster.start().forEach(process -> started.add(process.handle()));
        ready = cluster.awaitReady(Duration.ofSeconds(60));
        rest = new FlinkRestClient(cluster.restUrl());
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            assertThat(cluster.stop(Duration.ofSeconds(20))).as("JobManager and TaskManager exit on SIGTERM").isTrue();
        }
        assertThat(started).hasSize(2).noneMatch(ProcessHandle::isAlive);
        assertThat(started).allSatisfy(process -> assertThat(process.descendants()).isEmpty());
    }

    @Test
    void oneTaskManagerWithTwoSlotsAndLogsInTheLogDirectory() throws Exception {
        FlinkRestClient.ClusterOverview overview = rest.overview();
        System.out.printf("Flink cluster: ready in %d ms; RSS JobManager %s, TaskManager %s%n", ready.toMillis(),
                Supervisor.megabytes(cluster.processes().get(0).rssBytes()),
                Supervisor.megabytes(cluster.processes().get(1).rssBytes()));

        assertThat(overview.taskManagers()).isEqualTo(1);
        assertThat(overview.slotsTotal()).isEqualTo(2);
        assertThat(overview.flinkVersion()).isEqualTo("2.2.1");
        assertThat(Files.readString(dir.resolve("logs/flink-jobmanager.log")))
                .as("log4j writes Flink's own log").contains("StandaloneSessionClusterEntrypoint");
        assertThat(dir.resolve("logs/flink-taskmanager.log")).isNotEmptyFile();
    }

    @Test
    void jobStopsWithASavepointAndResumesFromIt() throws Exception {
        AnalyticsJob job = new AnalyticsJob(rest, testJobJar(), TickingTestJob.class.getName(), "ticking");
        Path flinkDir = dir.resolve("flink");

        AnalyticsJob.Submission first = job.submit(List.of("ticking"), Optional.empty(), Duration.ofSeconds(60));
        assertThat(first.alreadyRunning()).isFalse();
        assertThat(first.actualName()).isEqualTo("ticking");
        Await.until("a retained checkpoint", Duration.ofSeconds(30),
                () -> RestorePoints.latestCheckpoint(flinkDir.resolve("checkpoints")).isPresent(), cluster.processes());
        assertThat(job.submit(List.of("ticking"), Optional.empty(), Duration.ofSeconds(10)))
                .as("a running job of the same name is left alone")
                .satisfies(again -> assertThat(again.alreadyRunning()).isTrue())
                .satisfies(again -> assertThat(again.jobId()).isEqualTo(first.jobId()));

        String location = job.stopWithSavepoint(first.jobId(),
                Optional.of(flinkDir.resolve("savepoints").toUri().toString()), Duration.ofSeconds(30));
        RestorePoints.recordSavepoint(flinkDir.resolve("last-savepoint"), location);
        Optional<RestorePoints.RestorePoint> resumeFrom =
                RestorePoints.newest(flinkDir.resolve("last-savepoint"), flinkDir.resolve("checkpoints"));
        assertThat(resumeFrom).map(RestorePoints.RestorePoint::kind).contains("savepoint");
        assertThat(resumeFrom.get().directory()).startsWith(flinkDir.resolve("savepoints"));
        assertThat(rest.job(first.jobId()).state()).isEqualTo("FINISHED");

        AnalyticsJob.Submission second = job.submit(List.of("ticking"), resumeFrom, Duration.ofSeconds(60));
        assertThat(second.jobId()).isNotEqualTo(first.jobId());
        assertThat(second.restoredFrom()).isEqualTo(resumeFrom);
        assertThat(rest.job(second.jobId()).state()).isEqualTo("RUNNING");
        JsonNode restored = new ObjectMapper().readTree(HttpProbe.get(cluster.restUrl() + "/jobs/" + second.jobId()
                + "/checkpoints").body()).path("latest").path("restored");
        assertThat(restored.path("is_savepoint").asBoolean()).as("Flink restored the savepoint: " + restored).isTrue();
        assertThat(restored.path("external_path").asText()).contains(resumeFrom.get().directory().getFileName().toString());
        job.stopWithSavepoint(second.jobId(), Optional.empty(), Duration.ofSeconds(30));
    }

    /** A jar holding only the test job's classes, as a user would upload it. */
    private Path testJobJar() throws IOException {
        Path classes = Path.of(TickingTestJob.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String packageDir = TickingTestJob.class.getPackageName().replace('.', '/');
        Path jar = dir.resolve("ticking-test-job.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> entries = Files.list(classes.resolve(packageDir))) {
            for (Path classFile : entries.filter(path -> path.getFileName().toString()
                    .startsWith(TickingTestJob.class.getSimpleName())).toList()) {
                out.putNextEntry(new JarEntry(packageDir + "/" + classFile.getFileName()));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
        }
        return jar;
    }
}
