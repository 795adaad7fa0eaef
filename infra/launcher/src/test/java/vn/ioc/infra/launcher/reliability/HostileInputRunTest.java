package vn.ioc.infra.launcher.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HostileInputRunTest {

    private static final long MB = HostileInputRun.MB;

    /** The {@code http} part of hostile-summary.json, as HostileInputMain (ingest) writes it. */
    private static final String HTTP_SUMMARY = """
            {"requests":200,"requestsByKind":{"MIXED":110},"answersByStatus":{"200":160,"400":8,"401":12,"413":12,"415":8},
             "refusedWithReason":36,"validItems":6500,"acceptedItems":6500,"distinctAcceptedEvents":5900,"badItems":6012,
             "badItemsByKind":{"RANDOM_BYTES":180,"TRUNCATED":400},"rejectedItems":6012,"rejectedWithReason":6012,
             "rejectedByReason":{"BAD_JSON":4000,"BAD_TIME":2012},"mismatches":0,"mismatchExamples":[]}""";

    private static HostileInputRun.Http http() throws Exception {
        return HostileInputRun.Http.from(new ObjectMapper().readTree(HTTP_SUMMARY));
    }

    private static HostileInputRun.FileReplayed file() {
        return new HostileInputRun.FileReplayed(5000, 2400, Map.of("TRUNCATED", 2400L), 2600, 0,
                Optional.of(new HostileInputRun.ReplayLine(5000, 2600, 2400)));
    }

    private static HostileInputRun.Arrival arrival() {
        return HostileInputRun.Arrival.of(9100, 9100, Set.of("a", "b"), Map.of("a", 1L, "b", 1L));
    }

    private static HostileInputRun.DeadLetters deadLetters() {
        return new HostileInputRun.DeadLetters(8412, 8412, Map.of(
                HostileInputRun.HTTP_SOURCE, Map.of("BAD_JSON", 4000L, "BAD_TIME", 2012L),
                HostileInputRun.FILE_SOURCE, Map.of("BAD_JSON", 2400L)), 0, 8412);
    }

    private static HostileInputRun.Memory memory() {
        return new HostileInputRun.Memory(180 * MB, 400 * MB, 200 * MB, 300 * MB, 240);
    }

    @Test
    void theSummaryOfTheHostileClientIsReadWithItsCountsByKindAndReason() throws Exception {
        HostileInputRun.Http http = http();
        assertThat(http.requests()).isEqualTo(200);
        assertThat(http.answersByStatus()).containsEntry("413", 12L).hasSize(5);
        assertThat(http.rejectedByReason()).isEqualTo(Map.of("BAD_JSON", 4000L, "BAD_TIME", 2012L));
        assertThat(http.badItemsByKind()).containsEntry("RANDOM_BYTES", 180L);
        assertThat(http.rejectedItems()).isEqualTo(6012);
        assertThat(http.mismatches()).isZero();
    }

    @Test
    void theReplaysClosingLineIsFoundAmongItsProgressLinesWhateverTheGroupingSeparator() {
        String log = """
                ==== 2026-11-21 10:00:00 starting Replay: java ... ReplayMain --file hostile.jsonl
                hostile.jsonl: 2,000 lines  40,000 events/s  40.0% read  ETA 0:01
                hostile.jsonl: 5,012 lines, 2,600 accepted, 2,412 rejected (in dossier-events-dlq), 1.2 s, 4,176 events/s
                """;
        assertThat(HostileInputRun.ReplayLine.find(log)).contains(new HostileInputRun.ReplayLine(5012, 2600, 2412));
        assertThat(HostileInputRun.ReplayLine.find("hostile.jsonl: 5.012 lines, 2.600 accepted, 2.412 rejected (in x)"))
                .contains(new HostileInputRun.ReplayLine(5012, 2600, 2412));
        assertThat(HostileInputRun.ReplayLine.find("hostile.jsonl: 2,000 lines  40,000 events/s")).isEmpty();
    }

    @Test
    void arrivalCountsLostUnexpectedAndRepeatedEvents() {
        HostileInputRun.Arrival a = HostileInputRun.Arrival.of(10, 9, Set.of("a", "b", "c", "d"),
                Map.of("a", 1L, "b", 2L, "x", 1L));
        assertThat(a.arrived()).isEqualTo(2);
        assertThat(a.lost()).isEqualTo(2);
        assertThat(a.lostExamples()).containsExactlyInAnyOrder("c", "d");
        assertThat(a.unexpected()).isEqualTo(1);
        assertThat(a.unexpectedExamples()).containsExactly("x");
        assertThat(a.moreThanOnce()).isEqualTo(1);
    }

    @Test
    void whenEverythingAddsUpNoCheckFails() throws Exception {
        assertThat(HostileInputRun.failures(0, http(), file(), arrival(), deadLetters(), memory())).isEmpty();
    }

    @Test
    void eachDiscrepancyIsAFailureInWords() throws Exception {
        HostileInputRun.Http http = http();
        assertThat(HostileInputRun.failures(1, http, file(), arrival(), deadLetters(), memory()))
                .singleElement().asString().contains("client exit code 1");

        HostileInputRun.FileReplayed shortRead = new HostileInputRun.FileReplayed(5000, 2400, Map.of(), 2600, 0,
                Optional.of(new HostileInputRun.ReplayLine(4999, 2600, 2399)));
        assertThat(HostileInputRun.failures(0, http, shortRead, arrival(), deadLetters(), memory()))
                .singleElement().asString().contains("the replay read 4,999 lines");

        HostileInputRun.Arrival lost = HostileInputRun.Arrival.of(9100, 9099, Set.of("a", "b"), Map.of("a", 1L));
        assertThat(HostileInputRun.failures(0, http, file(), lost, deadLetters(), memory()))
                .anyMatch(f -> f.contains("9,099 records, expected 9,100"))
                .anyMatch(f -> f.contains("1 valid events are not in ClickHouse, e.g. [b]"));

        HostileInputRun.DeadLetters wrongReasons = new HostileInputRun.DeadLetters(8412, 8412, Map.of(
                HostileInputRun.HTTP_SOURCE, Map.of("BAD_JSON", 4001L, "BAD_TIME", 2011L),
                HostileInputRun.FILE_SOURCE, Map.of("BAD_JSON", 2400L),
                HostileInputRun.JOB_SOURCE, Map.of("UNKNOWN_UNIT", 3L)), 2, 8415);
        assertThat(HostileInputRun.failures(0, http, file(), arrival(), wrongReasons, memory()))
                .anyMatch(f -> f.contains("by reason in ClickHouse"))
                .anyMatch(f -> f.contains("the job refused 3 records"))
                .anyMatch(f -> f.contains("2 dead letters have no reason"))
                .anyMatch(f -> f.contains("/api/status counts 8,415 dead letters, expected 8,412"))
                .hasSize(4);

        HostileInputRun.Memory grown = new HostileInputRun.Memory(180 * MB, HostileInputRun.INGEST_RSS_BOUND + MB, 0, 0, 10);
        assertThat(HostileInputRun.failures(0, http, file(), arrival(), deadLetters(), grown))
                .singleElement().asString().contains("over its bound of 1024 MB");
        HostileInputRun.Memory unmeasured = new HostileInputRun.Memory(0, 0, 0, 0, 10);
        assertThat(HostileInputRun.failures(0, http, file(), arrival(), deadLetters(), unmeasured))
                .singleElement().asString().contains("not measured");
    }

    @Test
    void aPartThatStoppedOrRunsUnderAnotherPidIsAProblem() {
        Map<String, Long> before = Map.of("ingest", 10L, "kafka", 11L, "dashboard", 12L);
        assertThat(HostileInputRun.processProblems(before, before)).isEmpty();
        assertThat(HostileInputRun.processProblems(before, Map.of("ingest", 20L, "kafka", 11L)))
                .containsExactlyInAnyOrder("ingest was restarted (pid 10, now 20)", "dashboard (pid 12) is not running");
    }

    @Test
    void theReportGivesTheFiguresOfThePhase() throws Exception {
        ReliabilityRun.Settings settings = ReliabilityRun.Settings.parse(List.of("--quick", "--work-dir", Path.of("target").toString()));
        HostileInputRun.Result result = new HostileInputRun.Result(true, Duration.ofSeconds(95), settings.hostileRequests(),
                settings.hostileFileLines(), http(), file(), arrival(), deadLetters(), memory(), List.of(), List.of());
        StringBuilder md = new StringBuilder();
        Report.hostileInput(md, result);
        assertThat(md.toString())
                .contains("Hostile input: PASS, 95.0 s (200 requests asked, a file of 5,000 lines)")
                .contains("6,012 rejected with a contract code and a reason, by first reason: BAD_JSON 4,000, BAD_TIME 2,012")
                .contains("2 of 2 distinct arrived; lost 0, unexpected 0, more than once 0")
                .contains("ingest endpoint 400 MB (180 MB before; bound 1024 MB)")
                .doesNotContain("Failed checks");

        StringBuilder failed = new StringBuilder();
        Report.hostileInput(failed, HostileInputRun.Result.failed(settings, Duration.ofSeconds(3), "failed: boom"));
        assertThat(failed.toString()).contains("Hostile input: FAIL").contains("- failed: boom");
    }
}
