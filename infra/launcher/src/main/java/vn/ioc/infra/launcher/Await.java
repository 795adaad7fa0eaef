package vn.ioc.infra.launcher;

import java.time.Duration;
import java.util.List;

/** Polls a readiness condition until it holds, the time is up, or a process it depends on exits. */
public final class Await {

    /** A readiness check; an exception counts as "not yet", except a {@link StartupException}, which ends the wait. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private Await() {
    }

    /**
     * Returns how long it took. Fails with the log file to read when one of {@code processes} exits
     * first, and with the last error seen when time runs out.
     */
    public static Duration until(String what, Duration timeout, Condition condition, List<ChildProcess> processes)
            throws StartupException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Exception lastError = null;
        while (true) {
            for (ChildProcess process : processes) {
                if (!process.isAlive()) {
                    process.markExitReported();
                    throw new StartupException(process.displayName() + " exited with code "
                            + process.exitCode().orElse(-1) + " before " + what + ", see " + process.logFile());
                }
            }
            try {
                if (condition.holds()) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (InterruptedException | StartupException e) {
                throw e;
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder message = new StringBuilder("Timed out after " + timeout.toSeconds() + " s waiting for "
                        + what);
                if (lastError != null) {
                    message.append(" (last error: ").append(lastError.getClass().getSimpleName()).append(": ")
                            .append(lastError.getMessage()).append(")");
                }
                for (ChildProcess process : processes) {
                    message.append(", see ").append(process.logFile());
                }
                throw new StartupException(message.toString(), lastError);
            }
            Thread.sleep(INTERVAL.toMillis());
        }
    }
}
