package vn.ioc.infra.launcher.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The run's findings as Markdown, the form docs/reliability.md records them in. */
final class Report {

    private Report() {
    }

    static String markdown(ReliabilityRun.Settings settings, List<ReliabilityRun.Outcome> outcomes, LoadRun.Result load,
                           Duration total) {
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
}
