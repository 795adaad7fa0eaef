package vn.ioc.infra.clickhouse;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ClickHouse server for development and tests: the ClickHouse engine (chDB 26.7, in this process) behind
 * ClickHouse's HTTP interface, so the official clients ({@code client-v2}, the JDBC driver) talk to it exactly
 * as to a ClickHouse server. Pointing them at a real ClickHouse only changes the URL.
 *
 * <p>chDB allows one data directory per process and one process per data directory; several servers may share
 * the engine of this process. Data persists in the directory across restarts.
 */
public final class ClickHouseLocalServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClickHouseLocalServer.class);
    static final int DEFAULT_PORT = 8123;
    private static final int THREADS = 16;
    /** How long close() lets queries in flight finish. */
    private static final int DRAIN_SECONDS = 5;

    private final HttpServer http;
    private final ExecutorService executor;
    private final ChdbEngine engine;
    private final String host;
    private volatile boolean closed;

    private ClickHouseLocalServer(HttpServer http, ExecutorService executor, ChdbEngine engine, String host) {
        this.http = http;
        this.executor = executor;
        this.engine = engine;
        this.host = host;
    }

    /** Starts on 127.0.0.1; {@code port} 0 picks a free port. */
    public static ClickHouseLocalServer start(Path dataDir, int port) {
        return start(dataDir, "127.0.0.1", port);
    }

    /**
     * Starts the engine on {@code dataDir} (loading and, on first use on this machine, fetching chDB) and serves
     * it on {@code host:port}.
     *
     * @throws PortInUseException                        when the port is taken
     * @throws ChdbEngine.DataDirectoryLockedException   when another process uses the data directory
     */
    public static ClickHouseLocalServer start(Path dataDir, String host, int port) {
        // Without TCP_NODELAY every small response waits ~40 ms for a delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer http;
        try {
            // Bound before the engine loads, so a taken port fails fast.
            http = HttpServer.create(new InetSocketAddress(host, port), 128);
        } catch (BindException e) {
            throw new PortInUseException(host, port, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + host + ":" + port, e);
        }
        ChdbEngine engine;
        try {
            engine = ChdbEngine.open(dataDir);
        } catch (RuntimeException | Error e) {
            http.stop(0);
            throw e;
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        http.setExecutor(executor);
        http.createContext("/", new ClickHouseHttpHandler(engine, ClickHouseLocalServer::configuredPassword,
                engine.hostName()));
        ClickHouseLocalServer server = new ClickHouseLocalServer(http, executor, engine, host);
        engine.register(server);
        http.start();
        log.info("ClickHouse (chDB {}) serving {} on {}", engine.version(), engine.dataDir(), server.url());
        return server;
    }

    /** {@code http://127.0.0.1:PORT}, the URL to give a ClickHouse client. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : h) + ":" + port();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public Path dataDir() {
        return engine.dataDir();
    }

    /** The engine's version, e.g. 26.7.2.1. */
    public String version() {
        return engine.version();
    }

    /** Runs {@code task} in the shutdown hook once chDB has stopped (the engine outlives this server). */
    void runAfterEngineShutdown(Runnable task) {
        engine.runAfterShutdown(task);
    }

    /** How long loading libchdb.so and booting the engine took, in this process. */
    public long engineLoadMillis() {
        return engine.loadMillis();
    }

    /**
     * Stops serving: no new requests, queries in flight get a few seconds to finish. The engine itself stays up
     * until the JVM exits (chDB cannot start twice in one process), so a new server can start on the same
     * directory right away.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.stop(0); // closes the listener; exchanges already running carry on
        executor.shutdown();
        try {
            if (!executor.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Queries still running after {} s; stopping anyway", DRAIN_SECONDS);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        engine.unregister(this);
    }

    static String configuredPassword() {
        String password = System.getenv("IOC_CLICKHOUSE_PASSWORD");
        return password == null ? "" : password;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "clickhouse-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * {@code --port 8123 --host 127.0.0.1 --data-dir ./data/clickhouse}; env IOC_CLICKHOUSE_PORT and
     * IOC_CLICKHOUSE_DATA change the defaults. Exits with 2 when the port or the data directory is taken.
     */
    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        ClickHouseLocalServer server;
        try {
            server = start(options.dataDir(), options.host(), options.port());
        } catch (PortInUseException | ChdbEngine.DataDirectoryLockedException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // The engine's shutdown hook stops this server, waits for queries in flight, closes the connections
        // and shuts chDB down: a SIGTERM reaching libchdb with open connections would crash the JVM.
        System.out.println("ClickHouse (chDB " + ChdbLibrary.CHDB_VERSION + ") listening on " + server.url()
                + ", data in " + server.dataDir());
        System.out.flush();
        try {
            new java.util.concurrent.CountDownLatch(1).await(); // serve until the JVM is asked to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The port is taken (by another server, or a ClickHouse already running). */
    public static final class PortInUseException extends IllegalStateException {
        PortInUseException(String host, int port, Throwable cause) {
            super("Port " + port + " on " + host + " is already in use: is another ClickHouse running? "
                    + "Stop it, or choose another port with --port or IOC_CLICKHOUSE_PORT", cause);
        }
    }
}
