package vn.ioc.dashboard.browser;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** One tab: navigate, evaluate JavaScript, wait for a condition, screenshot, and the console errors it logged. */
public final class Page {

    private final Chromium browser;
    private final String sessionId;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    private final List<String> downloads = new CopyOnWriteArrayList<>();
    private volatile long loads;

    Page(Chromium browser, String targetId, String sessionId, int width, int height) {
        this.browser = browser;
        this.sessionId = sessionId;
        browser.onEvent(this::event);
        send("Runtime.enable", Map.of());
        send("Log.enable", Map.of());
        send("Page.enable", Map.of());
        viewport(width, height);
    }

    private JsonNode send(String method, Map<String, ?> params) {
        return browser.send(sessionId, method, params);
    }

    private void event(JsonNode e) {
        String method = e.path("method").asText();
        if (method.equals("Browser.downloadProgress") && e.path("params").path("state").asText().equals("completed")) {
            downloads.add(e.path("params").path("guid").asText());
            return;
        }
        if (!sessionId.equals(e.path("sessionId").asText())) {
            return;
        }
        JsonNode p = e.path("params");
        switch (method) {
            case "Page.loadEventFired" -> loads++;
            case "Runtime.exceptionThrown" -> consoleErrors.add("exception: " + p.path("exceptionDetails").path("exception")
                    .path("description").asText(p.path("exceptionDetails").path("text").asText()));
            case "Runtime.consoleAPICalled" -> {
                if (p.path("type").asText().equals("error")) {
                    consoleErrors.add("console.error: " + p.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if (p.path("entry").path("level").asText().equals("error")) {
                    consoleErrors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
                }
            }
            default -> { }
        }
    }

    public void viewport(int width, int height) {
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Opens the URL and waits for its load event. */
    public void navigate(String url) throws InterruptedException {
        long before = loads;
        send("Page.navigate", Map.of("url", url));
        waitUntil("the load event of " + url, Duration.ofSeconds(20), () -> loads > before);
    }

    /** The value of a JavaScript expression (promises awaited). */
    public JsonNode eval(String expression) {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException(expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    public String text(String selector) {
        return eval("(document.querySelector(" + quote(selector) + ") || {}).textContent || ''").asText();
    }

    /** Polls a JavaScript condition until it is true, or fails after the timeout with what the page shows. */
    public void waitFor(String what, Duration timeout, String condition) throws InterruptedException {
        waitUntil(what, timeout, () -> {
            try {
                return eval("!!(" + condition + ")").asBoolean();
            } catch (IllegalStateException e) {
                return false;
            }
        });
    }

    private void waitUntil(String what, Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; console errors: " + consoleErrors);
            }
            Thread.sleep(50);
        }
    }

    public void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        String data = send("Page.captureScreenshot", Map.of("format", "png")).get("data").asText();
        Files.write(file, Base64.getDecoder().decode(data));
    }

    public void pdf(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        String data = send("Page.printToPDF", Map.of("printBackground", false, "preferCSSPageSize", true)).get("data").asText();
        Files.write(file, Base64.getDecoder().decode(data));
    }

    public List<String> consoleErrors() {
        return new ArrayList<>(consoleErrors);
    }

    public void clearConsoleErrors() {
        consoleErrors.clear();
    }

    public int completedDownloads() {
        return downloads.size();
    }

    /** Signs in through the form, like a person. */
    public void signIn(String origin, String username, String password) throws InterruptedException {
        navigate(origin + "/login");
        eval("document.getElementById('username').value = " + quote(username) + ";"
                + "document.getElementById('password').value = " + quote(password) + ";"
                + "document.querySelector('form.login').submit(); true");
        waitFor("leaving the sign-in page", Duration.ofSeconds(10), "location.pathname !== '/login' && document.readyState === 'complete'");
    }

    public static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
