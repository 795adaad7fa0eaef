package vn.ioc.infra.launcher.reliability;

import vn.ioc.infra.launcher.ChildProcess;
import vn.ioc.infra.launcher.Supervisor;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/** The faults of the reliability run, each injected into a running product. */
enum Fault {

    NONE("baseline"),
    TASKMANAGER_KILL("taskmanager-kill"),
    KAFKA_RESTART("kafka-restart"),
    CLICKHOUSE_OUTAGE("clickhouse-outage"),
    DASHBOARD_RESTART("dashboard-restart");

    final String id;

    Fault(String id) {
        this.id = id;
    }

    String description(ReliabilityRun.Settings settings) {
        return switch (this) {
            case NONE -> "no fault: the reference tables";
            case TASKMANAGER_KILL -> "Flink TaskManager killed (SIGKILL); the launcher starts a new one";
            case KAFKA_RESTART -> "Kafka broker stopped (SIGTERM) and started again on the same data";
            case CLICKHOUSE_OUTAGE -> "ClickHouse stopped (SIGTERM) for " + settings.clickhouseOutage().toSeconds()
                    + " s, then started again on the same data";
            case DASHBOARD_RESTART -> "dashboard stopped (SIGTERM) and started again";
        };
    }

    /** What the dashboard must have shown while the fault lasted. */
    boolean expectedOnStatus(String shown) {
        return switch (this) {
            case NONE -> true;
            case TASKMANAGER_KILL -> shown.contains("flink down");
            case KAFKA_RESTART -> shown.contains("kafka down") && shown.contains("not caughtUp");
            case CLICKHOUSE_OUTAGE -> shown.contains("clickhouse down") && shown.contains("not caughtUp");
            case DASHBOARD_RESTART -> shown.contains("no answer");
        };
    }

    /** Injects the fault, waits until the part is back, and says what {@code /api/status} showed meanwhile. */
    String inject(Supervisor supervisor, PipelineProbe probe, ReliabilityRun.Settings settings, PrintStream out)
            throws Exception {
        try (StatusWatch watch = new StatusWatch(probe)) {
            switch (this) {
                case NONE -> { }
                case TASKMANAGER_KILL -> {
                    ChildProcess old = supervisor.child("flink-taskmanager").orElseThrow();
                    old.handle().destroyForcibly();
                    out.printf("    killed the TaskManager (pid %d)%n", old.pid());
                    ReliabilityRun.await("the launcher to start a new TaskManager", Duration.ofMinutes(2),
                            () -> supervisor.child("flink-taskmanager").filter(tm -> tm != old && tm.isAlive()).isPresent());
                    ReliabilityRun.await("the job to run again", Duration.ofMinutes(5),
                            () -> watch.sawDown("flink") && probe.status().up("flink"));
                }
                case KAFKA_RESTART -> {
                    ChildProcess old = supervisor.child("kafka").orElseThrow();
                    old.stop(Supervisor.CHILD_STOP_GRACE);
                    out.printf("    stopped the Kafka broker (pid %d)%n", old.pid());
                    ReliabilityRun.await("the dashboard to show Kafka down", Duration.ofSeconds(60), () -> watch.sawDown("kafka"));
                    ChildProcess fresh = supervisor.startAgain(old);
                    out.printf("    started the Kafka broker again (pid %d)%n", fresh.pid());
                    ReliabilityRun.await("the dashboard to show Kafka up", Duration.ofMinutes(2), () -> probe.status().up("kafka"));
                }
                case CLICKHOUSE_OUTAGE -> {
                    ChildProcess old = supervisor.child("clickhouse").orElseThrow();
                    old.stop(Supervisor.CHILD_STOP_GRACE);
                    long stoppedAt = System.nanoTime();
                    out.printf("    stopped ClickHouse (pid %d) for %d s%n", old.pid(), settings.clickhouseOutage().toSeconds());
                    ReliabilityRun.await("the outage to last", settings.clickhouseOutage().plusSeconds(5),
                            () -> System.nanoTime() - stoppedAt >= settings.clickhouseOutage().toNanos());
                    ChildProcess fresh = supervisor.startAgain(old);
                    out.printf("    started ClickHouse again (pid %d)%n", fresh.pid());
                    ReliabilityRun.await("ClickHouse to answer", Duration.ofMinutes(2), probe::clickhouseAnswers);
                }
                case DASHBOARD_RESTART -> {
                    ChildProcess old = supervisor.child("dashboard").orElseThrow();
                    old.stop(Supervisor.CHILD_STOP_GRACE);
                    out.printf("    stopped the dashboard (pid %d)%n", old.pid());
                    ReliabilityRun.await("/api/status to stop answering", Duration.ofSeconds(30), watch::sawNoAnswer);
                    ChildProcess fresh = supervisor.startAgain(old);
                    out.printf("    started the dashboard again (pid %d)%n", fresh.pid());
                    ReliabilityRun.await("/api/status to answer again", Duration.ofMinutes(2), () -> probe.status().answered());
                }
            }
            return watch.summary();
        }
    }

    /** Reads /api/status every second in the background and remembers what it saw. */
    private static final class StatusWatch implements AutoCloseable {
        private final Set<String> seen = java.util.Collections.synchronizedSet(new TreeSet<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        StatusWatch(PipelineProbe probe) {
            thread = new Thread(() -> {
                while (running.get()) {
                    PipelineProbe.Status s = probe.status();
                    if (!s.answered()) {
                        seen.add("no answer");
                    } else {
                        s.componentsUp().forEach((component, up) -> {
                            if (!up) {
                                seen.add(component + " down");
                            }
                        });
                        if (!s.caughtUp()) {
                            seen.add("not caughtUp");
                        }
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "status-watch");
            thread.setDaemon(true);
            thread.start();
        }

        boolean sawDown(String component) {
            return seen.contains(component + " down");
        }

        boolean sawNoAnswer() {
            return seen.contains("no answer");
        }

        String summary() {
            synchronized (seen) {
                return seen.isEmpty() ? "nothing unusual" : String.join(", ", seen);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join(5000);
        }
    }
}
