package vn.ioc.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RestorePointsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T01:00:00Z");

    @Test
    void noCheckpointsDirectoryMeansNothingToResume(@TempDir Path dir) {
        assertThat(RestorePoints.latestCheckpoint(dir.resolve("checkpoints"))).isEmpty();
        assertThat(RestorePoints.newest(dir.resolve("last-savepoint"), dir.resolve("checkpoints"))).isEmpty();
    }

    @Test
    void latestCompleteCheckpointAcrossJobs(@TempDir Path checkpoints) throws IOException {
        checkpoint(checkpoints, "job-a", "chk-9", T0);
        checkpoint(checkpoints, "job-b", "chk-3", T0.plusSeconds(60));
        Path newest = checkpoint(checkpoints, "job-b", "chk-4", T0.plusSeconds(70));
        // Being written: no _metadata yet, so it cannot be restored.
        Files.createDirectories(checkpoints.resolve("job-b/chk-5"));
        // Not checkpoints at all.
        Files.createDirectories(checkpoints.resolve("job-b/shared"));
        Files.createDirectories(checkpoints.resolve("job-b/taskowned"));

        Optional<RestorePoints.RestorePoint> latest = RestorePoints.latestCheckpoint(checkpoints);

        assertThat(latest).map(RestorePoints.RestorePoint::directory).contains(newest);
        assertThat(latest.get().kind()).isEqualTo("checkpoint");
        assertThat(latest.get().uri()).startsWith("file:///").endsWith("job-b/chk-4/");
    }

    @Test
    void higherCheckpointNumberBreaksATie(@TempDir Path checkpoints) throws IOException {
        checkpoint(checkpoints, "job", "chk-10", T0);
        checkpoint(checkpoints, "job", "chk-9", T0);

        assertThat(RestorePoints.latestCheckpoint(checkpoints)).map(point -> point.directory().getFileName().toString())
                .contains("chk-10");
    }

    @Test
    void savepointOfTheLastStopWinsOverOlderCheckpoints(@TempDir Path dir) throws IOException {
        Path checkpoints = dir.resolve("checkpoints");
        checkpoint(checkpoints, "job", "chk-7", T0);
        Path savepoint = metadata(dir.resolve("savepoints/savepoint-abc-123"), T0.plusSeconds(5));
        Path record = dir.resolve("last-savepoint");
        // Flink reports the location as file:/path.
        RestorePoints.recordSavepoint(record, "file:" + savepoint.toAbsolutePath());

        Optional<RestorePoints.RestorePoint> chosen = RestorePoints.newest(record, checkpoints);

        assertThat(chosen).map(RestorePoints.RestorePoint::directory).contains(savepoint);
        assertThat(chosen.get().kind()).isEqualTo("savepoint");
    }

    @Test
    void checkpointTakenAfterTheSavepointWins(@TempDir Path dir) throws IOException {
        Path checkpoints = dir.resolve("checkpoints");
        Path savepoint = metadata(dir.resolve("savepoints/savepoint-abc-123"), T0);
        Path later = checkpoint(checkpoints, "job-2", "chk-2", T0.plusSeconds(30));
        Path record = dir.resolve("last-savepoint");
        RestorePoints.recordSavepoint(record, savepoint.toUri().toString());

        assertThat(RestorePoints.newest(record, checkpoints)).map(RestorePoints.RestorePoint::directory).contains(later);
    }

    @Test
    void recordedSavepointThatIsGoneIsIgnored(@TempDir Path dir) throws IOException {
        Path record = dir.resolve("last-savepoint");
        RestorePoints.recordSavepoint(record, "file:" + dir.resolve("savepoints/removed"));

        assertThat(RestorePoints.recordedSavepoint(record)).isEmpty();
    }

    @Test
    void afterDiscardingThereIsNothingToResumeFrom(@TempDir Path dir) throws IOException {
        Path checkpoints = dir.resolve("checkpoints");
        checkpoint(checkpoints, "old-job", "chk-7", T0);
        Path savepoint = metadata(dir.resolve("savepoints/savepoint-abc-123"), T0.plusSeconds(5));
        Path record = dir.resolve("last-savepoint");
        RestorePoints.recordSavepoint(record, "file:" + savepoint.toAbsolutePath());

        RestorePoints.discardAll(record, checkpoints);

        assertThat(RestorePoints.newest(record, checkpoints)).isEmpty();
        assertThat(checkpoints).isEmptyDirectory(); // kept, for the cluster that writes into it
        // a checkpoint of the job started afterwards is found again
        Path next = checkpoint(checkpoints, "new-job", "chk-1", T0.plusSeconds(60));
        assertThat(RestorePoints.newest(record, checkpoints)).map(RestorePoints.RestorePoint::directory).contains(next);
    }

    private static Path checkpoint(Path checkpoints, String job, String name, Instant written) throws IOException {
        return metadata(checkpoints.resolve(job).resolve(name), written);
    }

    private static Path metadata(Path directory, Instant written) throws IOException {
        Files.createDirectories(directory);
        Path metadata = Files.writeString(directory.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.from(written));
        return directory;
    }
}
