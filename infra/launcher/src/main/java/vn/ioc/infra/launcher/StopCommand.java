package vn.ioc.infra.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code ./ioc stop}: asks a launcher running elsewhere to stop, and cleans up after one that died. */
final class StopCommand {

    /** Long enough for a savepoint and every process's own grace period. */
    private static final Duration LAUNCHER_STOP_TIMEOUT = Duration.ofSeconds(180);

    private StopCommand() {
    }

    static int run(LauncherConfig config, PrintStream out) {
        PidFile pids = new PidFile(config.dataDir().resolve("ioc.pids"));
        List<PidFile.Entry> entries = pids.read();
        if (entries.isEmpty()) {
            out.println("IOC is not running (no " + pids.path() + ")");
            return 0;
        }
        Optional<ProcessHandle> launcher = entries.stream().filter(entry -> entry.id().equals("launcher"))
                .findFirst().flatMap(PidFile.Entry::liveProcess);
        if (launcher.isPresent()) {
            out.println("Stopping the IOC launcher (pid " + launcher.get().pid()
                    + "): it saves the analytics job and stops its processes; see its terminal for progress");
            long start = System.nanoTime();
            // Only the launcher gets the signal: it stops its processes itself, in order, after the savepoint.
            launcher.get().destroy();
            if (exited(launcher.get(), LAUNCHER_STOP_TIMEOUT)) {
                out.println("Stopped in " + Progress.seconds(Duration.ofNanos(System.nanoTime() - start)));
            } else {
                launcher.get().destroyForcibly();
                out.println("The launcher did not stop within " + LAUNCHER_STOP_TIMEOUT.toSeconds()
                        + " s and was killed; stopping its processes");
            }
        }
        List<PidFile.Entry> children = new ArrayList<>(entries);
        children.removeIf(entry -> entry.id().equals("launcher"));
        Collections.reverse(children);
        for (PidFile.Entry entry : children) {
            entry.liveProcess().ifPresent(process -> {
                out.println("Stopping " + entry.displayName() + " (pid " + entry.pid() + ")");
                ChildProcess.stopTree(process, Supervisor.CHILD_STOP_GRACE);
            });
        }
        pids.delete();
        return 0;
    }

    private static boolean exited(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
