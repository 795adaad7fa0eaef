package vn.ioc.infra.launcher;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestartPolicyTest {

    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

    @Test
    void delaysDoubleUpToTheMaximum() {
        RestartPolicy policy = new RestartPolicy(10, Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(policy.onCrash(T0)).contains(Duration.ofSeconds(1));
        assertThat(policy.onCrash(T0.plusSeconds(2))).contains(Duration.ofSeconds(2));
        assertThat(policy.onCrash(T0.plusSeconds(5))).contains(Duration.ofSeconds(4));
        assertThat(policy.onCrash(T0.plusSeconds(10))).contains(Duration.ofSeconds(5));
        assertThat(policy.onCrash(T0.plusSeconds(20))).contains(Duration.ofSeconds(5));
    }

    @Test
    void givesUpAfterTooManyCrashesWithinTheWindowAndForgetsOldOnes() {
        RestartPolicy policy = new RestartPolicy(3, Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertThat(policy.onCrash(T0)).isPresent();
        assertThat(policy.onCrash(T0.plusSeconds(60))).isPresent();
        assertThat(policy.onCrash(T0.plusSeconds(120))).isPresent();
        assertThat(policy.onCrash(T0.plusSeconds(180))).isEmpty();
        assertThat(policy.restartsWithin(T0.plusSeconds(180))).isEqualTo(3);
        // the first crash is more than ten minutes old: one more restart is allowed, with a shorter delay
        assertThat(policy.onCrash(T0.plus(Duration.ofMinutes(10)).plusSeconds(1))).contains(Duration.ofSeconds(4));
    }

    @Test
    void aQuietPeriodResetsTheDelay() {
        RestartPolicy policy = RestartPolicy.standard();
        policy.onCrash(T0);
        policy.onCrash(T0.plusSeconds(10));
        assertThat(policy.onCrash(T0.plus(Duration.ofHours(1)))).contains(Duration.ofSeconds(1));
    }

    @Test
    void refusesANonsensePolicy() {
        assertThatThrownBy(() -> new RestartPolicy(0, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
