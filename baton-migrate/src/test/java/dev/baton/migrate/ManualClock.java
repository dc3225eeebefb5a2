package dev.baton.migrate;

import java.util.function.LongConsumer;

/**
 * A {@link MigrationClock} for tests: its time starts at 0 and moves only when the code under test
 * sleeps on it, by exactly as long as it asked; then {@code onAdvance} is told the new time, so a
 * test can change its application's state as that time passes. Whatever the machine's speed or
 * load, the same inputs give the same measurements.
 */
public final class ManualClock implements MigrationClock {
    private final LongConsumer onAdvance;
    private long now;
    private long sleeps;

    public ManualClock(LongConsumer onAdvance) {
        this.onAdvance = onAdvance;
    }

    public ManualClock() {
        this(now -> { });
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleep(long nanos) {
        if (nanos > 0) {
            now += nanos;
            sleeps++;
            onAdvance.accept(now);
        }
    }

    /** How many times the time moved. */
    public long sleeps() {
        return sleeps;
    }
}
