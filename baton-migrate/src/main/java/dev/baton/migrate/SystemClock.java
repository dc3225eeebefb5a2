package dev.baton.migrate;

import java.util.concurrent.locks.LockSupport;

/** {@link MigrationClock#system()}: {@link System#nanoTime()}, and waits that park the thread. */
enum SystemClock implements MigrationClock {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(long nanos) {
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
    }
}
