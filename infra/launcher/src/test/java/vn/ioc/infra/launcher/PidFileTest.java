package vn.ioc.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PidFileTest {

    @Test
    void recordsProcessesInStartOrderAndRecognisesThemLater(@TempDir Path dir) throws Exception {
        PidFile pids = new PidFile(dir.resolve("ioc.pids"));
        pids.add("launcher", "IOC launcher", ProcessHandle.current());
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            pids.add("kafka", "Kafka broker", sleeper.toHandle());

            PidFile reread = new PidFile(dir.resolve("ioc.pids"));
            assertThat(reread.read()).extracting(PidFile.Entry::id).containsExactly("launcher", "kafka");
            assertThat(reread.read().get(1).displayName()).isEqualTo("Kafka broker");
            assertThat(reread.read().get(1).liveProcess()).map(ProcessHandle::pid).contains(sleeper.pid());

            pids.remove("kafka");
            assertThat(reread.read()).extracting(PidFile.Entry::id).containsExactly("launcher");
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
        pids.delete();
        assertThat(Files.exists(dir.resolve("ioc.pids"))).isFalse();
    }

    @Test
    void anEntryWhoseProcessIdWasReusedIsNotLive(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ioc.pids");
        long self = ProcessHandle.current().pid();
        // Same pid, but started at another time: another process.
        Files.writeString(file, "kafka " + self + " 1000 Kafka broker\n");

        assertThat(new PidFile(file).read().get(0).liveProcess()).isEmpty();
    }
}
