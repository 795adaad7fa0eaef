package vn.ioc.ingest.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import vn.ioc.domain.calendar.WorkingCalendar;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventJson;
import vn.ioc.domain.event.EventValidator;
import vn.ioc.ingest.CommandLine;
import vn.ioc.ingest.deadletter.KafkaDeadLetterSink;
import vn.ioc.ingest.http.IngestApp;
import vn.ioc.ingest.http.IngestLimits;
import vn.ioc.ingest.http.SourceTokens;
import vn.ioc.ingest.kafka.EventPublisher;
import vn.ioc.ingest.kafka.TopicSpec;
import vn.ioc.ingest.kafka.Topics;
import vn.ioc.ingest.replay.FileReplay;
import vn.ioc.ingest.simulator.ProvinceSimulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Measures the ingest path for real: the HTTP endpoint on a free port in front of a Kafka broker,
 * posted batches of simulated events (JSON Lines) from several client threads for a bounded time,
 * then the file replay of a generated gzip file.
 *
 * <pre>
 * IngestBenchmark (--bootstrap-servers H:P | --embedded) [--seconds 30] [--clients 4] [--batch 5000]
 *                 [--replay-events 1000000] [--partitions 4]
 * </pre>
 * {@code --embedded} starts a broker in this JVM with {@code vn.ioc.infra.kafka.EmbeddedKafka}, which
 * is on the test classpath only (it is Kafka's test kit): see docs/ingest.md for the command. Prints
 * events/s, request latency p50/p95/p99 and the process RSS; the broker shares the machine (and with
 * --embedded the JVM), as it does in a single-machine deployment.
 */
public final class IngestBenchmark {

    private static final String TOKEN = "bench-token";

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine cl = CommandLine.parse(args, Set.of("embedded"));
        int seconds = (int) cl.getLong("seconds", 30);
        int clients = (int) cl.getLong("clients", 4);
        int batch = (int) cl.getLong("batch", 5000);
        long replayEvents = cl.getLong("replay-events", 1_000_000);
        int partitions = (int) cl.getLong("partitions", 4);
        AutoCloseable embedded = null;
        String bootstrap;
        if (cl.flag("embedded")) {
            embedded = startEmbeddedKafka();
            bootstrap = (String) embedded.getClass().getMethod("bootstrapServers").invoke(embedded);
            System.out.println("Embedded Kafka at " + bootstrap);
        } else {
            bootstrap = cl.require("bootstrap-servers");
        }
        try {
            Catalogs catalogs = Catalogs.loadDefault();
            String run = "bench-" + System.currentTimeMillis();
            Topics.ensure(bootstrap, List.of(TopicSpec.retained(run + "-events", partitions, 3_600_000),
                    TopicSpec.retained(run + "-dlq", 1, 3_600_000), TopicSpec.retained(run + "-replay", partitions, 3_600_000)));
            printRss("start");
            http(bootstrap, run, catalogs, seconds, clients, batch);
            if (replayEvents > 0) {
                replay(bootstrap, run, catalogs, replayEvents);
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static void http(String bootstrap, String run, Catalogs catalogs, int seconds, int clients, int batch) throws Exception {
        long t0 = System.nanoTime();
        List<byte[]> bodies = batches(catalogs, batch, Math.max(40, clients * 10));
        System.out.printf("Generated %d bodies of %,d events (%.1f MB each on average) in %.1f s%n", bodies.size(), batch,
                bodies.stream().mapToLong(b -> b.length).average().orElse(0) / 1e6, (System.nanoTime() - t0) / 1e9);
        try (EventPublisher events = new EventPublisher(bootstrap, run + "-events", Duration.ofSeconds(5), Duration.ofSeconds(25));
             KafkaDeadLetterSink dead = new KafkaDeadLetterSink(bootstrap, run + "-dlq", Duration.ofSeconds(5), Duration.ofSeconds(25))) {
            IngestApp app = new IngestApp(events, dead, new EventValidator(catalogs), SourceTokens.ofTokens(Map.of("bench", TOKEN)),
                    IngestLimits.defaults(), null, catalogs.procedures(), null).start(0);
            try {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                URI uri = URI.create("http://127.0.0.1:" + app.port() + "/ingest/events");
                ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
                AtomicLong accepted = new AtomicLong();
                AtomicLong refused = new AtomicLong();
                // warm-up: the JIT and the producer's connections, not measured
                post(client, uri, bodies.get(0));
                long start = System.nanoTime();
                long cpuStart = cpuNanos();
                long end = start + Duration.ofSeconds(seconds).toNanos();
                List<Thread> threads = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int offset = c;
                    Thread t = new Thread(() -> {
                        int i = offset;
                        while (System.nanoTime() < end) {
                            long s = System.nanoTime();
                            try {
                                HttpResponse<byte[]> r = post(client, uri, bodies.get(i++ % bodies.size()));
                                if (r.statusCode() == 200) {
                                    accepted.addAndGet(acceptedOf(r.body()));
                                    latencies.add(System.nanoTime() - s);
                                } else {
                                    refused.incrementAndGet();
                                }
                            } catch (IOException | InterruptedException e) {
                                refused.incrementAndGet();
                            }
                        }
                    }, "bench-client-" + c);
                    t.start();
                    threads.add(t);
                }
                for (Thread t : threads) {
                    t.join();
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                List<Long> sorted = new ArrayList<>(latencies);
                Collections.sort(sorted);
                System.out.printf("HTTP: %d clients x %,d events per request for %.1f s: %,d events accepted, %,.0f events/s,"
                                + " %d requests (%d not 200)%n", clients, batch, elapsed, accepted.get(), accepted.get() / elapsed,
                        sorted.size() + refused.get(), refused.get());
                System.out.printf("HTTP request latency: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                        pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99), pct(sorted, 1.0));
                printCpu(cpuStart, elapsed, accepted.get());
                printRss("after HTTP");
            } finally {
                app.close();
            }
        }
    }

    private static void replay(String bootstrap, String run, Catalogs catalogs, long n) throws Exception {
        Path file = Files.createTempFile("ioc-bench-", ".jsonl.gz");
        try {
            long t0 = System.nanoTime();
            long written = 0;
            Instant start = WorkingCalendar.startOfDay(LocalDate.of(2026, 1, 5));
            ProvinceSimulator sim = new ProvinceSimulator(catalogs, 1, 6000, start);
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 256 * 1024)) {
                Instant t = start;
                while (written < n) {
                    t = t.plus(Duration.ofHours(6));
                    for (DossierEvent e : sim.advanceTo(t)) {
                        if (written++ >= n) {
                            break;
                        }
                        out.write(EventJson.toJsonBytes(e));
                        out.write('\n');
                    }
                }
            }
            System.out.printf("Generated %,d events into %s (%.1f MB gzip) in %.1f s%n", n, file, Files.size(file) / 1e6,
                    (System.nanoTime() - t0) / 1e9);
            try (EventPublisher events = new EventPublisher(bootstrap, run + "-replay");
                 KafkaDeadLetterSink dead = new KafkaDeadLetterSink(bootstrap, run + "-dlq")) {
                long cpuStart = cpuNanos();
                FileReplay.Summary s = new FileReplay(new EventValidator(catalogs), events, dead, "bench-file", null).run(file);
                System.out.printf("File replay: %,d lines, %,d accepted, %,d rejected in %.1f s: %,.0f events/s%n",
                        s.lines(), s.accepted(), s.rejected(), s.seconds(), s.eventsPerSecond());
                printCpu(cpuStart, s.seconds(), s.lines());
            }
            printRss("after replay");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Bodies of {@code batch} distinct simulated events each, as JSON Lines. */
    private static List<byte[]> batches(Catalogs catalogs, int batch, int count) {
        Instant start = WorkingCalendar.startOfDay(LocalDate.of(2026, 3, 2));
        ProvinceSimulator sim = new ProvinceSimulator(catalogs, 7, 6000, start);
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int inBody = 0;
        Instant t = start;
        while (bodies.size() < count) {
            t = t.plus(Duration.ofHours(6));
            for (DossierEvent e : sim.advanceTo(t)) {
                body.writeBytes(EventJson.toJsonBytes(e));
                body.write('\n');
                if (++inBody == batch) {
                    bodies.add(body.toByteArray());
                    body.reset();
                    inBody = 0;
                    if (bodies.size() == count) {
                        break;
                    }
                }
            }
        }
        return bodies;
    }

    private static HttpResponse<byte[]> post(HttpClient client, URI uri, byte[] body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** The "accepted" count, the answer's first field. */
    private static long acceptedOf(byte[] answer) throws IOException {
        try (JsonParser p = JSON.createParser(answer)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "accepted".equals(p.currentName())) {
                    p.nextToken();
                    return p.getLongValue();
                }
            }
        }
        return 0;
    }

    private static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    /** CPU time of this process: with a busy machine, the share of the cores it got explains the rate. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void printCpu(long cpuStart, double seconds, long events) throws IOException {
        double cpu = (cpuNanos() - cpuStart) / 1e9;
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        System.out.printf("  this process used %.1f CPU-s in %.1f s (%.2f of %d cores), %.1f us CPU per event; load average %s%n",
                cpu, seconds, cpu / seconds, Runtime.getRuntime().availableProcessors(), cpu * 1e6 / Math.max(1, events), load);
    }

    private static void printRss(String when) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                System.out.println("RSS " + when + ": " + line.replaceAll("\\s+", " "));
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("  heap used %d MB of max %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    }

    /**
     * The broker test kit is Kafka's internal test API and stays out of the product's runtime classpath,
     * so it is looked up here only when asked for.
     */
    private static AutoCloseable startEmbeddedKafka() throws Exception {
        Class<?> kit;
        try {
            kit = Class.forName("vn.ioc.infra.kafka.EmbeddedKafka");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("--embedded needs ioc-kafka-testkit on the classpath (the test classpath,"
                    + " see docs/ingest.md), or give --bootstrap-servers of a running broker", e);
        }
        return (AutoCloseable) kit.getMethod("start").invoke(null);
    }
}
