package vn.ioc.infra.launcher;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** {@code ./ioc status}: the launcher's processes with their memory, and whether the URLs answer. */
final class StatusCommand {

    private StatusCommand() {
    }

    /** 0 when a launcher runs, 3 when not (the usual status exit codes). */
    static int run(LauncherConfig config, PrintStream out) {
        PidFile pids = new PidFile(config.dataDir().resolve("ioc.pids"));
        List<PidFile.Entry> entries = pids.read();
        boolean launcherRunning = false;
        if (entries.isEmpty()) {
            out.println("IOC is not running (no " + pids.path() + ")");
        }
        for (PidFile.Entry entry : entries) {
            Optional<ProcessHandle> process = entry.liveProcess();
            launcherRunning |= entry.id().equals("launcher") && process.isPresent();
            out.printf("  %-18s pid %-8d %s%n", entry.displayName(), entry.pid(), process
                    // The launcher's own memory: its processes have their own lines.
                    .map(handle -> "running, " + Supervisor.megabytes(entry.id().equals("launcher")
                            ? ChildProcess.rssBytes(handle.pid()) : ChildProcess.treeRssBytes(handle)))
                    .orElse("not running"));
        }
        out.println();
        out.println("  Dashboard        " + config.dashboardUrl() + "  " + answer(config.dashboardUrl() + "/api/status"));
        out.println("  Flink web UI     " + config.flinkUrl() + "  " + flink(config.flinkUrl()));
        out.println("  ClickHouse HTTP  " + config.clickhouseUrl() + "  " + answer(config.clickhouseUrl() + "/ping"));
        out.println("  Kafka            " + config.kafkaBootstrap());
        return launcherRunning ? 0 : 3;
    }

    private static String answer(String url) {
        return HttpProbe.answers(url) ? "answers" : "does not answer";
    }

    private static String flink(String url) {
        try {
            FlinkRestClient rest = new FlinkRestClient(url);
            FlinkRestClient.ClusterOverview overview = rest.overview();
            List<String> running = rest.jobs().stream().filter(FlinkRestClient.JobSummary::isRunning)
                    .map(job -> job.name() + " (" + job.id() + ")").toList();
            return overview.taskManagers() + " TaskManager(s), " + overview.slotsAvailable() + "/"
                    + overview.slotsTotal() + " slots free, running: " + (running.isEmpty() ? "no job" : String.join(", ", running));
        } catch (Exception e) {
            return "does not answer";
        }
    }
}
