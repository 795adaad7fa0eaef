package vn.ioc.infra.clickhouse;

import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chDB engine of this process. chDB allows one data directory per process and cannot be started again once
 * shut down, so there is exactly one engine per JVM: it stays up from the first {@link #open} until the JVM
 * exits, across any number of servers started and closed on it.
 *
 * <p>It holds one connection for its whole life (closing the last connection would shut the engine down) and
 * pools further connections to the same directory for concurrent requests. Session settings cannot be undone
 * on a connection (readonly=1 forbids even resetting them), so the pool is kept per set of settings: a
 * connection configured for one set only ever serves requests asking for exactly that set again.
 */
final class ChdbEngine {

    private static final Logger log = LoggerFactory.getLogger(ChdbEngine.class);
    private static final int MAX_IDLE = 8;
    private static final String LOCK_FILE = ".ioc-chdb.lock";

    private static ChdbEngine instance;

    private final ChdbNative chdb;
    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ChdbConnection keeper;
    /** Idle connections by the settings they carry ("" for none), the most recently used set last. */
    private final Map<String, Deque<ChdbConnection>> idle = new LinkedHashMap<>();
    private int idleCount;
    private final List<AutoCloseable> users = new ArrayList<>();
    private final List<Runnable> afterShutdown = new ArrayList<>();
    private final String version;
    private final String timezone;
    private final String hostName;
    private final long loadMillis;
    private int open; // connections handed out and not yet returned or closed
    private boolean shutDown;

    private ChdbEngine(ChdbNative chdb, Path dataDir, FileChannel lockChannel, FileLock lock, long loadMillis) {
        this.chdb = chdb;
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.loadMillis = loadMillis;
        this.keeper = connect();
        try (ChdbResult r = keeper.query("SELECT version(), timezone(), hostName()", "TabSeparated",
                java.util.Map.of()).orThrow()) {
            String[] row = r.text().strip().split("\t");
            this.version = row[0];
            this.timezone = row[1];
            this.hostName = row[2];
        }
    }

    /**
     * The engine on {@code dataDir}, started on first use.
     *
     * @throws DataDirectoryLockedException when another process holds the directory
     * @throws IllegalStateException        when this process already runs chDB on another directory
     */
    static synchronized ChdbEngine open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (instance != null) {
            if (instance.shutDown) {
                throw new IllegalStateException("chDB was shut down in this process and cannot start again");
            }
            if (!instance.dataDir.equals(dir)) {
                throw new IllegalStateException("chDB already runs on " + instance.dataDir + " in this process; "
                        + "it allows one data directory per process (asked for " + dir + ")");
            }
            return instance;
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new DataDirectoryLockedException(dir);
            }
            long started = System.nanoTime();
            ChdbNative chdb = ChdbNative.load(ChdbLibrary.locate());
            // Before the first connect: chDB's signal handlers would take over SIGSEGV, which the JVM
            // uses for its own NullPointerExceptions, and the JVM would hang.
            chdb.chdb_set_signal_handlers_enabled(0);
            instance = new ChdbEngine(chdb, dir, channel, lock, (System.nanoTime() - started) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(ChdbEngine::shutdownNow, "chdb-shutdown"));
            log.info("chDB {} started on {} in {} ms", instance.version, dir, instance.loadMillis);
            return instance;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot use " + dir + " as the ClickHouse data directory", e);
        } catch (RuntimeException | Error e) {
            if (instance == null) {
                closeQuietly(channel);
            }
            throw e;
        }
    }

    private ChdbConnection connect() {
        String[] argv = {"chdb", "--path=" + dataDir};
        Pointer slot = chdb.chdb_connect(argv.length, argv);
        if (slot == null || slot.getPointer(0) == null) {
            throw new IllegalStateException("chDB could not open " + dataDir
                    + " (is another process using it? chDB allows one process per data directory)");
        }
        return new ChdbConnection(chdb, slot);
    }

    /**
     * A pooled connection that carries the settings {@code settingsKey} names, or a new one (whose
     * {@link ChdbConnection#settingsKey()} is null: the caller applies the settings); give it back with
     * {@link #release}.
     */
    synchronized ChdbConnection borrow(String settingsKey) {
        ensureRunning();
        open++;
        Deque<ChdbConnection> pool = idle.get(settingsKey);
        ChdbConnection connection = pool == null ? null : pool.pollFirst();
        if (connection == null) {
            return connect();
        }
        idleCount--;
        if (pool.isEmpty()) {
            idle.remove(settingsKey);
        }
        return connection;
    }

    /**
     * Returns a connection to the pool of its settings; {@code healthy=false} closes it instead (e.g. after a
     * failed insert stream). A full pool gives up an idle connection of the least recently used settings.
     */
    synchronized void release(ChdbConnection connection, boolean healthy) {
        open--;
        if (!healthy || shutDown || connection.settingsKey() == null) {
            connection.close();
            return;
        }
        if (idleCount >= MAX_IDLE) {
            Iterator<Map.Entry<String, Deque<ChdbConnection>>> oldest = idle.entrySet().iterator();
            Deque<ChdbConnection> pool = oldest.next().getValue();
            pool.pollLast().close();
            idleCount--;
            if (pool.isEmpty()) {
                oldest.remove();
            }
        }
        Deque<ChdbConnection> pool = idle.remove(connection.settingsKey()); // re-inserted last: most recent
        if (pool == null) {
            pool = new ArrayDeque<>();
        }
        pool.addFirst(connection);
        idle.put(connection.settingsKey(), pool);
        idleCount++;
    }

    /** Servers on this engine: the shutdown hook stops them before closing the connections under them. */
    synchronized void register(AutoCloseable user) {
        users.add(user);
    }

    synchronized void unregister(AutoCloseable user) {
        users.remove(user);
    }

    /** Work for the shutdown hook once chDB has stopped, e.g. removing a temporary data directory. */
    synchronized void runAfterShutdown(Runnable task) {
        afterShutdown.add(task);
    }

    Path dataDir() {
        return dataDir;
    }

    String version() {
        return version;
    }

    String timezone() {
        return timezone;
    }

    String hostName() {
        return hostName;
    }

    long loadMillis() {
        return loadMillis;
    }

    private void ensureRunning() {
        if (shutDown) {
            throw ClickHouseException.of(1001, "STD_EXCEPTION", "The ClickHouse engine is shutting down");
        }
    }

    /**
     * Stops the servers, closes every connection and shuts chDB down. A SIGTERM that reached libchdb with open
     * connections would crash the JVM; this runs from the shutdown hook. chDB cannot start again afterwards.
     */
    static void shutdownNow() {
        ChdbEngine engine;
        List<AutoCloseable> servers;
        synchronized (ChdbEngine.class) {
            engine = instance;
            if (engine == null) {
                return;
            }
            synchronized (engine) {
                servers = new ArrayList<>(engine.users);
            }
        }
        servers.forEach(ChdbEngine::closeQuietly); // waits briefly for queries in flight
        synchronized (ChdbEngine.class) {
            synchronized (engine) {
                if (engine.shutDown) {
                    return;
                }
                engine.shutDown = true;
                if (engine.open > 0) {
                    log.warn("Shutting chDB down with {} connection(s) still in use", engine.open);
                }
                engine.idle.values().forEach(pool -> pool.forEach(ChdbConnection::close));
                engine.idle.clear();
                engine.idleCount = 0;
                engine.keeper.close();
                int state = engine.chdb.chdb_shutdown();
                log.debug("chdb_shutdown returned {}", state);
                closeQuietly(engine.lock);
                closeQuietly(engine.lockChannel);
                engine.afterShutdown.forEach(Runnable::run);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("close failed", e);
        }
    }

    /** Another process (an earlier server still running, say) holds the data directory. */
    static final class DataDirectoryLockedException extends IllegalStateException {
        DataDirectoryLockedException(Path dir) {
            super("The ClickHouse data directory " + dir + " is in use by another process "
                    + "(chDB allows one process per data directory)");
        }
    }
}
