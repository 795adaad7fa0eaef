package vn.ioc.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the analytics job resumes from: the savepoint taken when the launcher last stopped, or a
 * checkpoint Flink retained ({@code checkpoints/<jobId>/chk-N/_metadata}) when the launcher did not
 * stop cleanly, whichever is newer.
 */
public final class RestorePoints {

    /** A complete snapshot: the directory holding its {@code _metadata}, and when that was written. */
    public record RestorePoint(Path directory, FileTime written, String kind) {
        public String uri() {
            return directory.toAbsolutePath().toUri().toString();
        }
    }

    private static final Pattern CHECKPOINT_DIR = Pattern.compile("chk-(\\d+)");
    private static final String METADATA = "_metadata";

    private RestorePoints() {
    }

    /** The latest checkpoint with a {@code _metadata} file, over all jobs' directories; a checkpoint being written has none yet. */
    public static Optional<RestorePoint> latestCheckpoint(Path checkpointsDir) {
        if (!Files.isDirectory(checkpointsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(checkpointsDir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(RestorePoints::checkpointsOf)
                    .max(Comparator.comparing(RestorePoint::written)
                            .thenComparingLong(point -> checkpointNumber(point.directory())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The savepoint recorded in {@code recordFile}, when that savepoint is still complete on disk. */
    public static Optional<RestorePoint> recordedSavepoint(Path recordFile) {
        if (!Files.isRegularFile(recordFile)) {
            return Optional.empty();
        }
        try {
            String location = Files.readString(recordFile, StandardCharsets.UTF_8).strip();
            if (location.isEmpty()) {
                return Optional.empty();
            }
            Path directory = location.startsWith("file:") ? Path.of(URI.create(location))
                    : Path.of(location);
            return complete(directory, "savepoint");
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Remembers the savepoint a stop produced, for the next start. */
    public static void recordSavepoint(Path recordFile, String location) throws IOException {
        Files.createDirectories(recordFile.getParent());
        Path temporary = recordFile.resolveSibling(recordFile.getFileName() + ".tmp");
        Files.writeString(temporary, location + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.move(temporary, recordFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Forgets every restore point: the recorded savepoint and the retained checkpoints. For a job that
     * must start without its saved state: once it is submitted, no later start may resume from the old one.
     */
    public static void discardAll(Path savepointRecord, Path checkpointsDir) throws IOException {
        Files.deleteIfExists(savepointRecord);
        DirectoryTrees.delete(checkpointsDir, true);
    }

    /** The newer of the recorded savepoint and the latest retained checkpoint. */
    public static Optional<RestorePoint> newest(Path savepointRecord, Path checkpointsDir) {
        return Stream.of(recordedSavepoint(savepointRecord), latestCheckpoint(checkpointsDir))
                .flatMap(Optional::stream)
                .max(Comparator.comparing(RestorePoint::written));
    }

    private static Stream<RestorePoint> checkpointsOf(Path jobDir) {
        try (Stream<Path> children = Files.list(jobDir)) {
            return children.filter(dir -> CHECKPOINT_DIR.matcher(dir.getFileName().toString()).matches())
                    .map(dir -> complete(dir, "checkpoint"))
                    .flatMap(Optional::stream)
                    .toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static Optional<RestorePoint> complete(Path directory, String kind) {
        Path metadata = directory.resolve(METADATA);
        try {
            return Files.isRegularFile(metadata)
                    ? Optional.of(new RestorePoint(directory, Files.getLastModifiedTime(metadata), kind))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long checkpointNumber(Path directory) {
        Matcher matcher = CHECKPOINT_DIR.matcher(directory.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
