package dev.baton.migrate.session;

import dev.baton.migrate.sample.SampleApplication;
import java.util.concurrent.TimeUnit;

/** Waits for the sample's mutator thread to write: a condition with a bound, not a sleep and a hope. */
final class SampleWrites {
    private SampleWrites() {
    }

    /** Returns once {@code app} has made more than {@code ticks} writes; fails after 30 s without. */
    static void awaitMoreThan(SampleApplication app, long ticks) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (app.ticks() <= ticks) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the sample made no write beyond " + ticks + " in 30 s");
            }
            Thread.sleep(1);
        }
    }
}
