package dev.baton.migrate;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A {@link MigrationClock} for tests: its time starts at 0 and moves only when the code under test
 * sleeps on it, by exactly as long as it asked; then {@code onAdvance} is told the new time, so a
 * test can change its application's state as that time passes. A test moves it too, with
 * {@link #sleep} from any thread. Whatever the machine's speed or load, the same inputs give the
 * same measurements, and nothing times out before the test lets time pass.
 */
public final class ManualClock implements MigrationClock {
    private final LongConsumer onAdvance;
    private final AtomicLong now = new AtomicLong();
    private final AtomicLong sleeps = new AtomicLong();

    public ManualClock(LongConsumer onAdvance) {
        this.onAdvance = onAdvance;
    }

    public ManualClock() {
        this(now -> { });
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** Moves the time on by {@code nanos}, at once, and tells {@code onAdvance}. */
    @Override
    public void sleep(long nanos) {
        if (nanos > 0) {
            long t = now.addAndGet(nanos);
            sleeps.incrementAndGet();
            onAdvance.accept(t);
        }
    }

    /** How many times the time moved. */
    public long sleeps() {
        return sleeps.get();
    }
}
