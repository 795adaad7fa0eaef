package vn.ioc.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A process the launcher started: its output goes to a log file, and stopping it stops everything it
 * started as well.
 */
public final class ChildProcess {

    /** Logs larger than this are moved aside to {@code <name>.1} when the process starts again. */
    private static final long LOG_ROTATE_BYTES = 20L * 1024 * 1024;
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    /**
     * What to run. {@code id} names the log and the pid-file entry ({@code kafka}); {@code displayName}
     * is for people ({@code Kafka broker}).
     */
    public record Spec(String id, String displayName, List<String> command, Map<String, String> environment,
                       Path logFile) {
        public Spec {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    private final Spec spec;
    private final Process process;
    private volatile boolean stopping;
    private volatile boolean exitReported;

    private ChildProcess(Spec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    public static ChildProcess start(Spec spec) throws IOException {
        Files.createDirectories(spec.logFile().getParent());
        rotate(spec.logFile());
        Files.writeString(spec.logFile(),
                "==== " + LOG_TIME.format(Instant.now()) + " starting " + spec.displayName() + ": "
                        + String.join(" ", spec.command()) + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // A session of its own: Ctrl-C in the terminal reaches only the launcher, which then stops
            // the children in order (the Flink job needs Kafka and Flink alive to save its state).
            // setsid replaces itself with the command (same pid) as the launcher's children never lead a group.
            command.add(SETSID.toString());
        }
        command.addAll(spec.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(spec.environment());
        return new ChildProcess(spec, builder.start());
    }

    /**
     * Runs a short command to completion (a storage format, a memory calculation) and returns its
     * output; fails with the output when the exit code is not 0.
     */
    public static String runToCompletion(String what, List<String> command, Duration timeout, Path logFile)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(what + " did not finish within " + timeout.toSeconds() + " s");
        }
        String text;
        try {
            text = output.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            text = "";
        }
        if (logFile != null) {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "==== " + LOG_TIME.format(Instant.now()) + " " + what + System.lineSeparator()
                    + text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        if (process.exitValue() != 0) {
            throw new IOException(what + " failed with exit code " + process.exitValue() + ":\n" + tail(text, 20));
        }
        return text;
    }

    /**
     * Starts the same command again with the same environment and log (after a crash, or to restart
     * a part); this instance keeps describing the old process.
     */
    public ChildProcess startAgain() throws IOException {
        return start(spec);
    }

    public Spec spec() {
        return spec;
    }

    public String id() {
        return spec.id();
    }

    public String displayName() {
        return spec.displayName();
    }

    public Path logFile() {
        return spec.logFile();
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once {@link #stop} was called: an exit after that is expected. */
    public boolean isStopping() {
        return stopping;
    }

    /** Someone already told the operator that this process exited (a failed readiness check). */
    public void markExitReported() {
        exitReported = true;
    }

    public boolean isExitReported() {
        return exitReported;
    }

    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Resident memory of the process and everything it started, in bytes (0 when gone). */
    public long rssBytes() {
        return treeRssBytes(process.toHandle());
    }

    /**
     * SIGTERM to the process and its descendants, up to {@code grace} for them to exit, then SIGKILL.
     * Returns whether the process exited on its own.
     */
    public boolean stop(Duration grace) {
        stopping = true;
        return stopTree(process.toHandle(), grace);
    }

    /** Stops any process tree, also one this JVM did not start (see {@code ./ioc stop}). */
    public static boolean stopTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        boolean exited = waitForExit(tree, grace);
        if (!exited) {
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            waitForExit(tree, Duration.ofSeconds(5));
        }
        return exited;
    }

    private static boolean waitForExit(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : handles) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                // onExit() does not fail; treat like exited.
            }
        }
        return true;
    }

    static long treeRssBytes(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).mapToLong(h -> rssBytes(h.pid())).sum();
    }

    /** VmRSS from /proc; 0 when the process is gone or /proc is not there. */
    static long rssBytes(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> line.replaceAll("[^0-9]", ""))
                    .mapToLong(kb -> Long.parseLong(kb) * 1024)
                    .findFirst().orElse(0);
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            return 0;
        }
    }

    private static void rotate(Path log) throws IOException {
        if (Files.isRegularFile(log) && Files.size(log) > LOG_ROTATE_BYTES) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.strip().split("\\R");
        int from = Math.max(0, all.length - lines);
        return String.join(System.lineSeparator(), java.util.Arrays.copyOfRange(all, from, all.length));
    }
}
