package vn.ioc.ingest.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.ingest.CommandLine;
import vn.ioc.ingest.IngestDefaults;
import vn.ioc.ingest.http.IngestLimits;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sends a hostile corpus to a running ingest endpoint and writes a hostile JSON Lines file for the
 * file replay; run by {@code ./ioc reliability} (docs/reliability.md), which then replays the file,
 * and checks what reached Kafka, the dead letters and ClickHouse.
 *
 * <pre>
 * HostileInputMain --url http://localhost:8090 --token-file F --out DIR
 *                  [--requests 200] [--file-lines 5000] [--seed 20260406] [--max-request-bytes B] [--catalog-dir DIR]
 * </pre>
 * Writes into DIR: {@value #FILE} (the file to replay), {@value #SUMMARY} (the endpoint's answers
 * counted, and what the file holds) and {@value #EXPECTED_IDS} (every valid event sent, once each,
 * sorted: each must end up counted exactly once). The request limit is read like the endpoint reads
 * it ({@code IOC_INGEST_MAX_REQUEST_BYTES}, 16 MiB) unless given. Exit code 0 when every answer was
 * the expected one and the endpoint still answers its health check, 1 otherwise, 2 when the
 * endpoint does not answer at the start, 64 on a wrong command line.
 */
public final class HostileInputMain {

    public static final String FILE = "hostile.jsonl";
    public static final String SUMMARY = "hostile-summary.json";
    public static final String EXPECTED_IDS = "expected-event-ids.txt";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private HostileInputMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command, with its output streams given: for tests. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl;
        URI url;
        Path tokenFile;
        Path dir;
        long requests;
        long fileLines;
        long seed;
        long maxRequestBytes;
        try {
            cl = CommandLine.parse(args, Set.of());
            url = URI.create(cl.require("url"));
            tokenFile = Path.of(cl.require("token-file"));
            dir = Path.of(cl.require("out"));
            requests = cl.getLong("requests", 200);
            fileLines = cl.getLong("file-lines", 5000);
            seed = cl.getLong("seed", 20260406);
            maxRequestBytes = cl.getLong("max-request-bytes", IngestLimits.fromEnvironment(System.getenv()).maxRequestBytes());
            if (requests < 0 || (fileLines != 0 && fileLines < 10) || fileLines > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--requests must be 0 or more, --file-lines 0 or at least 10");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: HostileInputMain --url http://HOST:PORT --token-file F --out DIR [--requests N]"
                    + " [--file-lines N] [--seed S] [--max-request-bytes B] [--catalog-dir DIR]");
            return 64;
        }
        String catalogDir = cl.get("catalog-dir", IngestDefaults.ENV_CATALOG_DIR, null);
        long started = System.nanoTime();
        try (HostileClient client = new HostileClient(url, Files.readString(tokenFile, StandardCharsets.UTF_8).strip(),
                ANSWER_TIMEOUT)) {
            if (!client.healthy()) {
                err.println("The ingest endpoint at " + url + " does not answer " + url + "/ingest/health");
                return 2;
            }
            Catalogs catalogs = catalogDir == null ? Catalogs.loadDefault() : Catalogs.load(Path.of(catalogDir));
            HostileCorpus corpus = new HostileCorpus(catalogs, seed, maxRequestBytes);
            HostileTally tally = new HostileTally();
            Set<String> expectedIds = new TreeSet<>();
            for (long i = 0; i < requests; i++) {
                HostileCorpus.Request request = corpus.nextRequest();
                expectedIds.addAll(request.validEventIds());
                client.send(request, tally);
                if ((i + 1) % 100 == 0) {
                    out.printf("%,d requests sent, %,d mismatches%n", i + 1, tally.mismatches());
                }
            }
            boolean healthyAfter = client.healthy();
            Files.createDirectories(dir);
            HostileCorpus.FileCorpus file = null;
            if (fileLines > 0) {
                try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(dir.resolve(FILE)), 256 * 1024)) {
                    file = corpus.writeJsonLines(o, (int) fileLines);
                }
                expectedIds.addAll(file.validEventIds());
            }
            Files.write(dir.resolve(EXPECTED_IDS), expectedIds, StandardCharsets.UTF_8);
            double seconds = (System.nanoTime() - started) / 1e9;
            writeSummary(dir.resolve(SUMMARY), seed, maxRequestBytes, tally, file, expectedIds.size(), healthyAfter, seconds);

            out.printf("%,d requests: %s; %,d broken items, %,d rejected with a reason; %,d valid items, %,d accepted;"
                            + " %,d broken requests refused with a reason; %,d mismatches; endpoint %s; %.1f s%n",
                    tally.requests(), tally.answersByStatus(), tally.badItems(), tally.rejectedWithReason(),
                    tally.validItems(), tally.acceptedItems(), tally.refusedWithReason(), tally.mismatches(),
                    healthyAfter ? "healthy" : "NOT answering its health check", seconds);
            tally.mismatchExamples().forEach(m -> out.println("  mismatch: " + m));
            if (file != null) {
                out.printf("%s: %,d lines (%,d valid, %,d repeated, %,d broken, %,d blank lines besides)%n", dir.resolve(FILE),
                        file.lines(), file.validLines(), file.duplicateLines(), file.badLines(), file.blankLines());
            }
            return tally.mismatches() == 0 && healthyAfter ? 0 : 1;
        } catch (IOException e) {
            err.println("Hostile input failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static void writeSummary(Path path, long seed, long maxRequestBytes, HostileTally tally,
                                     HostileCorpus.FileCorpus file, int expectedDistinct, boolean healthyAfter,
                                     double seconds) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seed", seed);
        summary.put("maxRequestBytes", maxRequestBytes);
        summary.put("http", tally.figures());
        summary.put("healthyAfter", healthyAfter);
        if (file != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", FILE);
            f.put("lines", file.lines());
            f.put("validLines", file.validLines());
            f.put("duplicateLines", file.duplicateLines());
            f.put("badLines", file.badLines());
            Map<String, Long> byKind = new LinkedHashMap<>();
            file.badLinesByMutation().forEach((m, n) -> byKind.put(m.name(), n));
            f.put("badLinesByKind", byKind);
            f.put("blankLines", file.blankLines());
            f.put("expectedAccepted", file.expectedAccepted());
            summary.put("file", f);
        }
        // every record the events topic must hold: each valid item and line, repeats included
        summary.put("expectedEventRecords", tally.validItems() + (file == null ? 0 : file.expectedAccepted()));
        summary.put("expectedDistinctEvents", expectedDistinct);
        summary.put("seconds", seconds);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(path.toFile(), summary);
    }
}
