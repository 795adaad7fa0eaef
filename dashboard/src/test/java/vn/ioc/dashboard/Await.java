package vn.ioc.dashboard;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits on a condition with a timeout: the only way tests here wait for something. */
public final class Await {

    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
