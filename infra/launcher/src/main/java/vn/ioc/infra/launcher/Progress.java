package vn.ioc.infra.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** One line per start-up step: {@code [2/7] Kafka broker … ready in 3.4 s}. */
final class Progress {

    private final PrintStream out;
    private final int total;
    private int current;

    Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    Step begin(String name) {
        current++;
        out.print("[" + current + "/" + total + "] " + name + " … ");
        out.flush();
        return new Step(System.nanoTime());
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    final class Step {
        private final long startNanos;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        private Step(long startNanos) {
            this.startNanos = startNanos;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }

        /** {@code ready in 3.4 s}, then {@code detail} when not empty. */
        void ready(String detail) {
            finish("ready in " + seconds(elapsed()) + (detail.isEmpty() ? "" : "; " + detail));
        }

        void finish(String text) {
            out.println(text);
            done.complete(null);
        }

        void failed() {
            out.println("failed after " + seconds(elapsed()));
            done.complete(null);
        }

        /** Completes when the step has printed its result, so later messages start on a line of their own. */
        CompletableFuture<Void> whenDone() {
            return done;
        }
    }
}
