package vn.ioc.infra.launcher.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The run's findings as Markdown, the form docs/reliability.md records them in. */
final class Report {

    private Report() {
    }

    static String markdown(ReliabilityRun.Settings settings, List<ReliabilityRun.Outcome> outcomes,
                           HostileInputRun.Result hostile, LoadRun.Result load, Duration total) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Reliability run%s, %s in all%n%n", settings.quick() ? " (--quick)" : "",
                ReliabilityRun.seconds(total)));
        md.append("| scenario | outcome | fault | shown on /api/status during the fault | caught up after | records published | rows compared | detail |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (ReliabilityRun.Outcome o : outcomes) {
            long rows = o.tables().values().stream().mapToLong(PipelineProbe.TableDigest::rows).sum();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %,d | %,d (%s) | %s |%n", o.scenario(),
                    o.passed() ? "PASS" : "FAIL", o.fault(), o.shownOnStatus(), ReliabilityRun.seconds(o.recovery()),
                    o.published(), rows, ReliabilityRun.rowCounts(o.tables()), o.detail().replace("|", "\\|")));
        }
        md.append('\n');
        if (hostile != null) {
            hostileInput(md, hostile);
        }
        if (load == null) {
            md.append("Sustained load: not run (the baseline failed) or failed to start.\n");
            return md.toString();
        }
        md.append(String.format(Locale.ROOT, "Sustained load: %s. Simulator live at x%d for %s: %,d records on the topic, "
                        + "%,.0f events/s on average (peak %,.0f over 10 s), consumer lag at most %,d while sampled; %s.%n%n",
                load.passed() ? "PASS" : "FAIL", load.speed(), ReliabilityRun.seconds(load.duration()), load.events(),
                load.meanEventsPerSecond(), load.peakEventsPerSecond(), load.maxLag(), load.detail()));
        md.append("| process | RSS peak, first half | RSS peak, second half | bounded |\n|---|---|---|---|\n");
        for (LoadRun.Memory m : load.memory()) {
            md.append(String.format(Locale.ROOT, "| %s | %d MB | %d MB | %s |%n", m.process(), m.firstHalfPeak() >> 20,
                    m.secondHalfPeak() >> 20, m.bounded() ? "yes" : "NO"));
        }
        md.append('\n');
        return md.toString();
    }

    static void hostileInput(StringBuilder md, HostileInputRun.Result h) {
        md.append(String.format(Locale.ROOT, "Hostile input: %s, %s (%,d requests asked, a file of %,d lines).%n%n",
                h.passed() ? "PASS" : "FAIL", ReliabilityRun.seconds(h.duration()), h.requestsAsked(), h.fileLinesAsked()));
        if (h.http() != null) {
            HostileInputRun.Http http = h.http();
            md.append("| what | figures |\n|---|---|\n");
            row(md, "HTTP requests", String.format(Locale.ROOT, "%,d sent; answers by status: %s; %,d broken requests "
                    + "(wrong or missing token, oversized, wrong content type, empty) refused with a reason", http.requests(),
                    HostileInputRun.list(http.answersByStatus()), http.refusedWithReason()));
            row(md, "broken items over HTTP", String.format(Locale.ROOT, "%,d sent (%s); %,d rejected with a contract code "
                            + "and a reason, by first reason: %s", http.badItems(), HostileInputRun.list(http.badItemsByKind()),
                    http.rejectedWithReason(), HostileInputRun.list(http.rejectedByReason())));
            row(md, "valid events over HTTP", String.format(Locale.ROOT, "%,d items sent (duplicate floods included), %,d accepted; "
                    + "%,d answers not as expected", http.validItems(), http.acceptedItems(), http.mismatches()));
        }
        if (h.file() != null) {
            HostileInputRun.FileReplayed f = h.file();
            row(md, "hostile file, replayed", String.format(Locale.ROOT, "%,d lines: %,d valid (repeats included), %,d broken (%s); "
                            + "the replay: %s, exit code %d", f.lines(), f.expectedAccepted(), f.badLines(),
                    HostileInputRun.list(f.badLinesByKind()), f.replay().map(r -> String.format(Locale.ROOT,
                            "%,d lines, %,d accepted, %,d rejected", r.lines(), r.accepted(), r.rejected())).orElse("no closing line"),
                    f.exitCode()));
        }
        if (h.arrival() != null) {
            HostileInputRun.Arrival a = h.arrival();
            row(md, "events topic", String.format(Locale.ROOT, "%,d records, expected %,d", a.recordsOnTopic(), a.expectedRecords()));
            row(md, "valid events in ClickHouse `events`", String.format(Locale.ROOT, "%,d of %,d distinct arrived; lost %,d, "
                    + "unexpected %,d, more than once %,d", a.arrived(), a.expectedEvents(), a.lost(), a.unexpected(), a.moreThanOnce()));
        }
        if (h.deadLetters() != null) {
            HostileInputRun.DeadLetters d = h.deadLetters();
            StringBuilder bySource = new StringBuilder();
            d.bySourceAndReason().forEach((source, reasons) -> bySource.append(bySource.isEmpty() ? "" : "; ").append(source)
                    .append(": ").append(HostileInputRun.list(reasons)));
            row(md, "dead letters", String.format(Locale.ROOT, "expected %,d; on the topic %,d; in ClickHouse %,d (%s); without "
                    + "a reason %,d; on /api/status %,d", d.expected(), d.onTopic(), d.inClickHouse(),
                    bySource.isEmpty() ? "none" : bySource, d.withoutReason(), d.onStatus()));
        }
        if (h.memory() != null) {
            HostileInputRun.Memory m = h.memory();
            row(md, "processes", h.processProblems().isEmpty() ? "none crashed or was restarted; the endpoint answers its health check"
                    : String.join("; ", h.processProblems()));
            row(md, "RSS peak", String.format(Locale.ROOT, "ingest endpoint %d MB (%d MB before; bound %d MB), replay %d MB "
                            + "(bound %d MB), hostile client %d MB; %,d samples every %d ms", m.ingestPeak() >> 20,
                    m.ingestBefore() >> 20, HostileInputRun.INGEST_RSS_BOUND >> 20, m.replayPeak() >> 20,
                    HostileInputRun.REPLAY_RSS_BOUND >> 20, m.clientPeak() >> 20, m.samples(), HostileInputRun.SAMPLE_EVERY_MILLIS));
        }
        if (!h.failures().isEmpty()) {
            md.append("\nFailed checks:\n");
            h.failures().forEach(f -> md.append("- ").append(f).append('\n'));
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String what, String figures) {
        md.append("| ").append(what).append(" | ").append(figures.replace("|", "\\|")).append(" |\n");
    }
}
