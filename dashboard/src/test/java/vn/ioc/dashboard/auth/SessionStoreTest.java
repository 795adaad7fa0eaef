package vn.ioc.dashboard.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions end after their idle time or their maximum life, whichever comes first. */
class SessionStoreTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-03-02T01:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final Principal LEADER = new Principal("leader", Role.LEADER, null, null);

    @Test
    void aSessionEndsAfterItsIdleTime() {
        ManualClock clock = new ManualClock();
        SessionStore store = new SessionStore(Duration.ofMinutes(30), Duration.ofHours(12), clock);
        String id = store.create(LEADER);
        clock.advance(Duration.ofMinutes(29));
        assertThat(store.find(id)).contains(LEADER);
        clock.advance(Duration.ofMinutes(29)); // 29 minutes after the last request
        assertThat(store.find(id)).contains(LEADER);
        clock.advance(Duration.ofMinutes(30));
        assertThat(store.find(id)).isEmpty();
        assertThat(store.find(id)).isEmpty();
    }

    @Test
    void aSessionEndsAfterItsMaximumLifeEvenWhenUsed() {
        ManualClock clock = new ManualClock();
        SessionStore store = new SessionStore(Duration.ofMinutes(30), Duration.ofHours(2), clock);
        String id = store.create(LEADER);
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofMinutes(17));
            assertThat(store.find(id)).isPresent();
        }
        clock.advance(Duration.ofMinutes(17)); // 136 minutes after sign-in
        assertThat(store.find(id)).isEmpty();
    }

    @Test
    void idsAreRandomAndRemovedOnSignOut() {
        SessionStore store = SessionStore.withDefaults();
        String a = store.create(LEADER);
        String b = store.create(LEADER);
        assertThat(a).isNotEqualTo(b).hasSizeGreaterThanOrEqualTo(40);
        store.remove(a);
        assertThat(store.find(a)).isEmpty();
        assertThat(store.find(b)).isPresent();
        assertThat(store.find("made-up")).isEmpty();
    }

    @Test
    void revokingAPersonEndsAllTheirSessionsAndNoOneElses() {
        SessionStore store = SessionStore.withDefaults();
        Principal analyst = new Principal("analyst", Role.ANALYST, null, null);
        String first = store.create(LEADER);
        String second = store.create(LEADER);
        String other = store.create(analyst);
        String wall = store.create(Principal.wall("leader"));
        assertThat(store.revoke("leader")).isEqualTo(2);
        assertThat(store.find(first)).isEmpty();
        assertThat(store.find(second)).isEmpty();
        assertThat(store.find(other)).contains(analyst);
        assertThat(store.find(wall)).as("a wall screen is not a person").isPresent();
        assertThat(store.revoke("leader")).isZero();
    }
}
