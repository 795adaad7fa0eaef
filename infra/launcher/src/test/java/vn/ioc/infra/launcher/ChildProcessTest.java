package vn.ioc.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChildProcessTest {

    @Test
    void aCrashedProcessStartsAgainWithTheSameCommandEnvironmentAndLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("logs/crasher.log");
        ChildProcess first = ChildProcess.start(new ChildProcess.Spec("crasher", "Crasher",
                List.of("bash", "-c", "echo run $RUN_MARK; exit 3"), Map.of("RUN_MARK", "m1"), log));
        assertThat(first.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(3);

        ChildProcess second = first.startAgain();

        assertThat(second.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(second.spec()).isEqualTo(first.spec());
        String text = Files.readString(log);
        assertThat(text.split("run m1", -1)).hasSize(3); // both runs appended to the same log
        assertThat(text.split("starting Crasher", -1)).hasSize(3);
    }

    @Test
    void outputGoesToTheLogAndStopLeavesNoDescendant(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("logs/sleeper.log");
        ChildProcess child = ChildProcess.start(new ChildProcess.Spec("sleeper", "Sleeper",
                List.of("bash", "-c", "echo started $GREETING; sleep 300 & sleep 300; wait"),
                Map.of("GREETING", "hello"), log));
        Await.until("the child to write", Duration.ofSeconds(10),
                () -> Files.readString(log).contains("started hello") && child.handle().descendants().count() >= 2,
                List.of(child));
        List<ProcessHandle> tree = java.util.stream.Stream.concat(java.util.stream.Stream.of(child.handle()),
                child.handle().descendants()).toList();

        boolean clean = child.stop(Duration.ofSeconds(10));

        assertThat(clean).isTrue();
        assertThat(child.isStopping()).isTrue();
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(Files.readString(log)).startsWith("==== ").contains("starting Sleeper");
    }

    @Test
    void childRunsInASessionOfItsOwnSoCtrlCReachesOnlyTheLauncher(@TempDir Path dir) throws Exception {
        ChildProcess child = ChildProcess.start(new ChildProcess.Spec("sleeper", "Sleeper",
                List.of("sleep", "30"), Map.of(), dir.resolve("sleeper.log")));
        try {
            Await.until("the child to exec", Duration.ofSeconds(10),
                    () -> child.handle().info().command().orElse("").endsWith("sleep"), List.of(child));
            // /proc/<pid>/stat: pid (comm) state ppid pgrp session ...
            String[] stat = Files.readString(Path.of("/proc", Long.toString(child.pid()), "stat"))
                    .replaceFirst("^.*\\) ", "").split(" ");
            assertThat(Long.parseLong(stat[3])).as("session id").isEqualTo(child.pid());
        } finally {
            child.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aProcessIgnoringSigtermIsKilledAfterTheGracePeriod(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("stubborn.log");
        ChildProcess child = ChildProcess.start(new ChildProcess.Spec("stubborn", "Stubborn",
                // An ignored signal stays ignored across exec.
                List.of("bash", "-c", "trap '' TERM; echo ready; exec sleep 300"), Map.of(), log));
        Await.until("the child to start", Duration.ofSeconds(10), () -> Files.readAllLines(log).contains("ready"),
                List.of(child));

        boolean clean = child.stop(Duration.ofMillis(500));

        assertThat(clean).isFalse();
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void awaitReportsAProcessThatExitsBeforeBeingReady(@TempDir Path dir) throws Exception {
        ChildProcess child = ChildProcess.start(new ChildProcess.Spec("broken", "Broken part",
                List.of("bash", "-c", "exit 3"), Map.of(), dir.resolve("broken.log")));

        assertThatThrownBy(() -> Await.until("it to answer", Duration.ofSeconds(10), () -> false, List.of(child)))
                .isInstanceOf(StartupException.class)
                .hasMessage("Broken part exited with code 3 before it to answer, see " + dir.resolve("broken.log"));
    }

    @Test
    void runToCompletionFailsWithTheOutput(@TempDir Path dir) {
        assertThatThrownBy(() -> ChildProcess.runToCompletion("Format", List.of("bash", "-c", "echo bad config; exit 1"),
                Duration.ofSeconds(10), null))
                .hasMessageContaining("Format failed with exit code 1").hasMessageContaining("bad config");
    }
}
