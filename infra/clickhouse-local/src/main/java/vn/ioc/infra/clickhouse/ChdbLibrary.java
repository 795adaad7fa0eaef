package vn.ioc.infra.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds {@code libchdb.so}, the ClickHouse engine as a library, and fetches it on first use.
 *
 * <p>It ships only inside the npm package {@value #NPM_PACKAGE}; it is 566 MB unpacked, so it lives in a
 * per-user cache rather than in the repository. Order of lookup:
 * <ol>
 *   <li>env {@code IOC_CHDB_LIB} (or system property {@code ioc.chdb.lib}): an explicit libchdb.so;</li>
 *   <li>{@code ${IOC_CACHE_DIR:-~/.cache/ioc}/chdb/26.7.3-stable.1/libchdb.so};</li>
 *   <li>otherwise {@code npm pack} the package into the cache and unpack it there.</li>
 * </ol>
 * The unpacked directory appears by an atomic rename, so an interrupted fetch never looks finished.
 */
public final class ChdbLibrary {

    public static final String CHDB_VERSION = "26.7.3";
    public static final String PACKAGE_VERSION = CHDB_VERSION + "-stable.1";
    public static final String NPM_PACKAGE = "@chdb/lib-linux-x64-gnu@" + PACKAGE_VERSION;
    static final String TARBALL = "chdb-lib-linux-x64-gnu-" + PACKAGE_VERSION + ".tgz";

    private ChdbLibrary() {
    }

    /** The path of libchdb.so, fetching it first if needed. */
    public static Path locate() {
        String explicit = firstNonBlank(System.getProperty("ioc.chdb.lib"), System.getenv("IOC_CHDB_LIB"));
        if (explicit != null) {
            Path lib = Path.of(explicit);
            if (!Files.isRegularFile(lib)) {
                throw new IllegalStateException("IOC_CHDB_LIB points at " + lib + ", which is not a file");
            }
            return lib;
        }
        return ensureInCache(chdbCacheDir());
    }

    /** {@code ${IOC_CACHE_DIR:-~/.cache/ioc}/chdb}. */
    public static Path chdbCacheDir() {
        String cache = firstNonBlank(System.getenv("IOC_CACHE_DIR"), null);
        Path root = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "ioc");
        return root.resolve("chdb");
    }

    /** Returns {@code <chdbDir>/<version>/libchdb.so}, fetching and unpacking the npm package if it is not there. */
    static Path ensureInCache(Path chdbDir) {
        Path versionDir = chdbDir.resolve(PACKAGE_VERSION);
        Path lib = versionDir.resolve("libchdb.so");
        if (Files.isRegularFile(lib)) {
            return lib;
        }
        try {
            Files.createDirectories(chdbDir);
            // Several JVMs (parallel test runs) may start at once: one fetches, the others wait for it.
            try (FileChannel lockChannel = FileChannel.open(chdbDir.resolve(".fetch.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {
                if (Files.isRegularFile(lib)) {
                    return lib;
                }
                Path tarball = chdbDir.resolve(TARBALL);
                if (!Files.isRegularFile(tarball)) {
                    download(chdbDir, tarball);
                }
                unpack(tarball, chdbDir, versionDir);
                return lib;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not fetch " + NPM_PACKAGE + " into " + chdbDir, e);
        }
    }

    private static void download(Path chdbDir, Path tarball) throws IOException {
        Path work = Files.createTempDirectory(chdbDir, ".download-");
        try {
            log("chDB " + CHDB_VERSION + " is not in " + chdbDir + ": fetching " + NPM_PACKAGE
                    + " with npm (about 180 MB, once per machine)...");
            long started = System.nanoTime();
            run(work, List.of("npm", "pack", "--silent", NPM_PACKAGE), "npm pack " + NPM_PACKAGE);
            Path packed = work.resolve(TARBALL);
            if (!Files.isRegularFile(packed)) {
                throw new IOException("npm pack finished but " + packed + " is missing");
            }
            // The tarball only gets its final name once it is complete.
            Files.move(packed, tarball, StandardCopyOption.ATOMIC_MOVE);
            log("Fetched " + TARBALL + " in " + seconds(started) + " s");
        } finally {
            deleteRecursively(work);
        }
    }

    private static void unpack(Path tarball, Path chdbDir, Path versionDir) throws IOException {
        Path work = Files.createTempDirectory(chdbDir, ".unpack-");
        try {
            log("Unpacking libchdb.so (566 MB) into " + versionDir + "...");
            long started = System.nanoTime();
            run(work, List.of("tar", "-xzf", tarball.toAbsolutePath().toString(), "-C", work.toString(),
                    "package/libchdb.so"), "tar");
            Path staged = work.resolve(PACKAGE_VERSION);
            Files.createDirectories(staged);
            Files.move(work.resolve("package/libchdb.so"), staged.resolve("libchdb.so"));
            if (Files.exists(versionDir)) {
                deleteRecursively(versionDir); // a leftover without libchdb.so: never a finished fetch
            }
            Files.move(staged, versionDir, StandardCopyOption.ATOMIC_MOVE);
            log("Unpacked in " + seconds(started) + " s");
        } finally {
            deleteRecursively(work);
        }
    }

    private static void run(Path dir, List<String> command, String what) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new IOException("Cannot run '" + command.get(0) + "' (" + e.getMessage() + "). "
                    + (command.get(0).equals("npm")
                    ? "Install Node.js/npm, or download " + NPM_PACKAGE + " yourself and set IOC_CHDB_LIB to its libchdb.so."
                    : "It is needed to unpack " + TARBALL + "."), e);
        }
        try {
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(what + " did not finish in 30 minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(what + " was interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(what + " failed with exit code " + process.exitValue());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String seconds(long startedNanos) {
        return String.format("%.1f", (System.nanoTime() - startedNanos) / 1e9);
    }

    private static void log(String message) {
        // Plain stderr: this runs before anything else is up and must be seen in a build log.
        System.err.println("[chdb] " + message);
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
