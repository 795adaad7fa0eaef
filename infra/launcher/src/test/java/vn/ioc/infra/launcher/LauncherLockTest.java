package vn.ioc.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherLockTest {

    @Test
    void onlyOneHolderAtATime(@TempDir Path dir) throws Exception {
        Path lockFile = dir.resolve("ioc.lock");
        Optional<LauncherLock> first = LauncherLock.tryAcquire(lockFile);
        assertThat(first).isPresent();

        assertThat(LauncherLock.tryAcquire(lockFile)).isEmpty();

        first.get().close();
        Optional<LauncherLock> again = LauncherLock.tryAcquire(lockFile);
        assertThat(again).isPresent();
        again.get().close();
    }
}
