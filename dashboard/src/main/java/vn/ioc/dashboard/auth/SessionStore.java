package vn.ioc.dashboard.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in sessions, in memory: a session ends after {@code idle} without a request or {@code max}
 * after sign-in, whichever comes first. A restart signs everyone out (the wall uses its token and is
 * not affected).
 */
public final class SessionStore {

    private record Session(Principal principal, Instant created, Instant lastSeen) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration max;
    private final Clock clock;

    public SessionStore(Duration idle, Duration max, Clock clock) {
        this.idle = idle;
        this.max = max;
        this.clock = clock;
    }

    /** 30 minutes idle, 12 hours at most: a working day, and a screen left open does not stay signed in. */
    public static SessionStore withDefaults() {
        return new SessionStore(Duration.ofMinutes(30), Duration.ofHours(12), Clock.systemUTC());
    }

    public String create(Principal principal) {
        purgeExpired();
        String id = Passwords.randomToken(32);
        Instant now = clock.instant();
        sessions.put(id, new Session(principal, now, now));
        return id;
    }

    /** The session's principal, and the session kept alive; empty when unknown or expired. */
    public Optional<Principal> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        sessions.replace(id, s, new Session(s.principal(), s.created(), now));
        return Optional.of(s.principal());
    }

    public void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /**
     * Ends every session of a person: after an administrator disabled them, changed their role or
     * unit (a session keeps the rights it was given at sign-in) or reset their password.
     *
     * @return how many sessions ended
     */
    public int revoke(String username) {
        List<String> theirs = sessions.entrySet().stream()
                .filter(e -> !e.getValue().principal().isWall() && e.getValue().principal().name().equals(username))
                .map(Map.Entry::getKey).toList();
        theirs.forEach(sessions::remove);
        return theirs.size();
    }

    public Duration idle() {
        return idle;
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(idle)) || !now.isBefore(s.created().plus(max));
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        sessions.entrySet().removeIf(e -> expired(e.getValue(), now));
    }
}
