package vn.ioc.ingest.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorOptionsTest {

    @Test
    void disorderFlagsBecomeFeedOptions() {
        DisorderedFeed.Options o = SimulatorMain.disorderOptions(Map.of("disorder-shuffle-window", "900", "duplicates", "0.02",
                "offline-commune", "000.31.07.H23", "offline-from", "2026-03-02T08:00", "offline-hours", "26"), 42);
        assertThat(o.shuffleWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(o.duplicateRate()).isEqualTo(0.02);
        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.outage().unitCode()).isEqualTo("000.31.07.H23");
        assertThat(o.outage().from()).isEqualTo(Instant.parse("2026-03-02T01:00:00Z")); // local time, UTC+7
        assertThat(o.outage().until()).isEqualTo(Instant.parse("2026-03-03T03:00:00Z"));
        assertThat(SimulatorMain.parseTime("2026-03-02T08:00+07:00")).isEqualTo(Instant.parse("2026-03-02T01:00:00Z"));
        assertThat(SimulatorMain.disorderOptions(Map.of(), 1).disorders()).isFalse();
    }

    @Test
    void anOutageNeedsItsStartAndLengthAndRatesAreShares() {
        assertThatThrownBy(() -> SimulatorMain.disorderOptions(Map.of("offline-commune", "X"), 1))
                .hasMessageContaining("--offline-from");
        assertThatThrownBy(() -> SimulatorMain.disorderOptions(Map.of("duplicates", "1.5"), 1))
                .hasMessageContaining("between 0 and 1");
    }
}
