package vn.ioc.dashboard.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Refuses sign-in for a username after too many failures in a short time, so passwords cannot be guessed online. */
public final class LoginThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    public boolean blocked(String username) {
        Deque<Instant> f = failures.get(key(username));
        if (f == null) {
            return false;
        }
        synchronized (f) {
            prune(f);
            return f.size() >= MAX_FAILURES;
        }
    }

    public void failed(String username) {
        Deque<Instant> f = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (f) {
            prune(f);
            f.addLast(clock.instant());
        }
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private void prune(Deque<Instant> f) {
        Instant cutoff = clock.instant().minus(WINDOW);
        while (!f.isEmpty() && f.peekFirst().isBefore(cutoff)) {
            f.removeFirst();
        }
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }
}
