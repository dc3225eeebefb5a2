package dev.baton.migrate.session;

import dev.baton.migrate.ManualClock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock of a fault trial, given to both sessions: still until the proxy's fault fires, so
 * that nothing before it times out however loaded the machine; from then on it runs fast, a
 * timeout's worth every few milliseconds, so that whatever waits on the stalled direction gives
 * up at once instead of after the timeout in real time.
 */
final class FaultClock implements AutoCloseable {
    final ManualClock clock = new ManualClock();
    private final long step;
    private Thread flowing;
    private volatile boolean closed;

    FaultClock(Duration timeout) {
        this.step = timeout.toNanos();
    }

    /** Lets time flow from now on (the proxy calls it when its fault fires). */
    synchronized void flow() {
        if (flowing == null && !closed) {
            flowing = Thread.ofPlatform().daemon().name("fault-clock").start(() -> {
                while (!closed) {
                    clock.sleep(step);
                    LockSupport.parkNanos(5_000_000L);
                }
            });
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = flowing;
        }
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                // the trial is being stopped: keep the flag for the test's own waits
                Thread.currentThread().interrupt();
            }
        }
    }
}
