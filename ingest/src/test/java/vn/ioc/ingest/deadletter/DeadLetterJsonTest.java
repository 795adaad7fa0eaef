package vn.ioc.ingest.deadletter;

import org.junit.jupiter.api.Test;
import vn.ioc.domain.event.Rejection;
import vn.ioc.domain.event.RejectionCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterJsonTest {

    private static final List<Rejection> ERRORS = List.of(
            new Rejection(RejectionCode.UNKNOWN_UNIT, "unitCode", "'X' is not in the unit catalog"),
            new Rejection(RejectionCode.BAD_TIME, "at", "'2025-13-01' is not ..."));

    @Test
    void utf8RawIsKeptAsText() {
        byte[] raw = "{\"eventId\":\"é-1\"}".getBytes(StandardCharsets.UTF_8);
        DeadLetter d = new DeadLetter("id-1", Instant.parse("2026-03-02T02:15:00Z"), "igate", DeadLetter.EVENT, "POST item 0",
                ERRORS, raw, raw.length);
        String json = new String(DeadLetterJson.toJson(d), StandardCharsets.UTF_8);
        assertThat(json).contains("\"raw\":\"{\\\"eventId\\\":\\\"é-1\\\"}\"", "\"rawBase64\":false", "\"reasonCode\":\"UNKNOWN_UNIT\"",
                "\"receivedAt\":\"2026-03-02T09:15:00+07:00\"", "\"source\":\"igate\"");
        DeadLetter back = (DeadLetter) DeadLetterJson.read(DeadLetterJson.toJson(d));
        assertThat(back.raw()).isEqualTo(raw);
        assertThat(back.errors()).isEqualTo(ERRORS);
        assertThat(back.receivedAt()).isEqualTo(d.receivedAt());
        assertThat(back.reason()).isEqualTo("UNKNOWN_UNIT unitCode: 'X' is not in the unit catalog");
    }

    @Test
    void invalidUtf8IsKeptInBase64AndTruncationIsSaid() {
        byte[] raw = {'{', (byte) 0xFF, (byte) 0xC3, '}'};
        DeadLetter d = DeadLetter.of("f", DeadLetter.EVENT, "events.jsonl line 3", ERRORS, raw, 70_000);
        String json = new String(DeadLetterJson.toJson(d), StandardCharsets.UTF_8);
        assertThat(json).contains("\"rawBase64\":true", "\"rawBytes\":70000", "\"rawTruncated\":true");
        DeadLetter back = (DeadLetter) DeadLetterJson.read(DeadLetterJson.toJson(d));
        assertThat(back.raw()).isEqualTo(raw);
        assertThat(back.rawTruncated()).isTrue();
    }

    @Test
    void replayMarkersRoundTripAndForeignRecordsAreRefused() {
        ReplayMarker m = new ReplayMarker("id-1", "UNKNOWN_UNIT", "igate", "e-1", Instant.parse("2026-03-02T02:15:00Z"));
        assertThat(DeadLetterJson.read(DeadLetterJson.toJson(m))).isEqualTo(m);
        assertThatThrownBy(() -> DeadLetterJson.read("{\"kind\":\"other\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeadLetterJson.read("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsTellPendingFromReplayedByReason() {
        DeadLetter a = DeadLetter.of("igate", DeadLetter.EVENT, null, ERRORS, new byte[]{'x'}, 1);
        DeadLetter b = DeadLetter.of("igate", DeadLetter.EVENT, null, ERRORS, new byte[]{'y'}, 1);
        DeadLetter c = DeadLetter.of("file:x", DeadLetter.EVENT, null, List.of(ERRORS.get(1)), new byte[]{'z'}, 1);
        ReplayMarker ma = new ReplayMarker(a.id(), a.reasonCode(), a.source(), "e", Instant.now());
        DeadLetterStats.Counts counts = DeadLetterStats.of(List.of(a, b, c, ma));
        assertThat(counts.total()).isEqualTo(3);
        assertThat(counts.replayed()).isEqualTo(1);
        assertThat(counts.pending()).isEqualTo(2);
        assertThat(counts.byReason()).containsEntry("UNKNOWN_UNIT", 2L).containsEntry("BAD_TIME", 1L);
        assertThat(counts.pendingByReason()).containsEntry("UNKNOWN_UNIT", 1L).containsEntry("BAD_TIME", 1L);
        assertThat(counts.bySource()).containsEntry("igate", 2L).containsEntry("file:x", 1L);
    }
}
