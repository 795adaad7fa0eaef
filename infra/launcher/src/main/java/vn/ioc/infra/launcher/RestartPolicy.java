package vn.ioc.infra.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Whether a process that exited on its own is started again, and after how long: a crash is retried
 * with a growing delay (1 s, 2 s, 4 s, … at most {@code maxDelay}), but a process that crashes
 * {@code maxRestarts} times within {@code window} stays down, so a broken configuration does not
 * loop forever and the operator reads its log instead.
 */
public final class RestartPolicy {

    private final int maxRestarts;
    private final Duration window;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Deque<Instant> recentRestarts = new ArrayDeque<>();

    public RestartPolicy(int maxRestarts, Duration window, Duration firstDelay, Duration maxDelay) {
        if (maxRestarts < 1 || window.isNegative() || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("a restart policy needs maxRestarts >= 1 and 0 <= firstDelay <= maxDelay");
        }
        this.maxRestarts = maxRestarts;
        this.window = window;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    /** Five restarts within ten minutes, starting one second after the crash, at most 30 s later. */
    public static RestartPolicy standard() {
        return new RestartPolicy(5, Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /**
     * Records a crash at {@code now}: the delay before starting the process again, or empty when it
     * already crashed too often within the window.
     */
    public synchronized Optional<Duration> onCrash(Instant now) {
        while (!recentRestarts.isEmpty() && !recentRestarts.peekFirst().isAfter(now.minus(window))) {
            recentRestarts.removeFirst();
        }
        if (recentRestarts.size() >= maxRestarts) {
            return Optional.empty();
        }
        Duration delay = firstDelay;
        for (int i = 0; i < recentRestarts.size() && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        recentRestarts.addLast(now);
        return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }

    /** Restarts recorded within the window ending at {@code now}. */
    public synchronized int restartsWithin(Instant now) {
        return (int) recentRestarts.stream().filter(at -> at.isAfter(now.minus(window))).count();
    }

    public int maxRestarts() {
        return maxRestarts;
    }

    public Duration window() {
        return window;
    }
}
