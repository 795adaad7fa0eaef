package vn.ioc.dashboard.stream;

import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ioc.dashboard.status.DataVersion;
import vn.ioc.dashboard.web.Times;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * GET /api/stream: server-sent events telling the screens that the data changed. While a screen is
 * connected the server reads the data's fingerprint every {@code interval} (about half a second) and
 * sends a {@code data} event when it changes, so a screen redraws within a second of rows landing.
 * The event carries no unit's numbers (the screen fetches what it may see); a {@code down} event says
 * ClickHouse cannot be read, and a comment every 15 s keeps proxies from closing a quiet connection.
 */
public final class LiveFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final long HEARTBEAT_MS = 15_000;

    private final DataVersion data;
    private final Duration interval;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller;
    private volatile Map<String, Object> last;
    private volatile boolean down;
    private volatile long lastHeartbeat = System.currentTimeMillis();

    public LiveFeed(DataVersion data, Duration interval) {
        this.data = data;
        this.interval = interval;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "live-feed");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        poller.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A new screen: it gets the current state at once, then every change. */
    public void accept(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        Map<String, Object> current = last;
        if (current != null) {
            send(client, "data", current);
        } else if (down) {
            send(client, "down", Map.of("at", Times.iso(Instant.now())));
        }
    }

    public int connected() {
        return clients.size();
    }

    void poll() {
        if (clients.isEmpty()) {
            last = null; // re-read at the next connection
            return;
        }
        try {
            DataVersion.Fingerprint f = data.read();
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("signature", f.signature());
            event.put("newestEventAt", Times.iso(f.newestEventAt()));
            event.put("events", f.events());
            Map<String, Object> previous = last;
            if (down || previous == null || !previous.get("signature").equals(f.signature())) {
                down = false;
                last = event;
                broadcast("data", event);
            }
        } catch (RuntimeException e) {
            if (!down) {
                log.warn("The live feed cannot read ClickHouse: {}", e.toString());
                down = true;
                broadcast("down", Map.of("at", Times.iso(Instant.now()), "detail", String.valueOf(e.getMessage())));
            }
        }
        long now = System.currentTimeMillis();
        if (now - lastHeartbeat >= HEARTBEAT_MS) {
            lastHeartbeat = now;
            for (SseClient c : clients) {
                try {
                    c.sendComment("keep-alive");
                } catch (RuntimeException e) {
                    clients.remove(c);
                }
            }
        }
    }

    private void broadcast(String event, Map<String, Object> payload) {
        for (SseClient c : clients) {
            send(c, event, payload);
        }
    }

    private void send(SseClient c, String event, Map<String, Object> payload) {
        try {
            if (c.terminated()) {
                clients.remove(c);
            } else {
                c.sendEvent(event, payload);
            }
        } catch (RuntimeException e) {
            clients.remove(c);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        for (SseClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // the connection is going anyway
            }
        }
        clients.clear();
    }
}
