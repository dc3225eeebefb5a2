package dev.baton.migrate.transport;

import dev.baton.migrate.MigrationClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds every blocking read and write of a transport by a timeout. Java gives sockets a read
 * timeout but no write timeout, and pipes neither, so the guard watches the calls instead: when
 * one has been blocked longer than the timeout, it runs the transport's abort (which closes the
 * channels, so the call fails at once) and the call reports the stall in words.
 *
 * <p>Writes are cut into pieces of at most {@link #PIECE} octets so that a slow but moving peer
 * is never taken for a stalled one.
 */
final class StallGuard implements AutoCloseable {
    static final int PIECE = 1 << 20;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "baton-stall-guard");
        t.setDaemon(true);
        return t;
    });

    private final long timeoutNanos;
    private final Runnable abort;
    private final Runnable stopInput;
    private final String peer;
    private volatile MigrationClock clock;
    private final ScheduledFuture<?> tick;
    /** When the read or write in progress began, or 0 when none is. */
    private volatile long readingSince;
    private volatile long writingSince;
    private volatile String stalled;
    private volatile boolean readsTimed = true;

    /**
     * @param timeout   how long a read or write may block; zero or negative for no limit
     * @param abort     closes the transport so blocked calls fail
     * @param stopInput ends a blocked read but, where the transport can, leaves the output open, so
     *                  that the target can still tell the source why it gives up
     * @param peer      named in the message, e.g. "127.0.0.1:7000"
     */
    StallGuard(Duration timeout, Runnable abort, Runnable stopInput, String peer) {
        this(timeout, abort, stopInput, peer, MigrationClock.system(), true);
    }

    /**
     * A guard timed by {@code clock}, which checks the calls in progress on a timer (every eighth
     * of the timeout, 5 to 100 ms) when {@code ticking}, and otherwise only when {@link #check()}
     * is called: a test decides both when time passes and when the guard looks.
     */
    StallGuard(Duration timeout, Runnable abort, Runnable stopInput, String peer, MigrationClock clock,
            boolean ticking) {
        this.timeoutNanos = timeout.isZero() || timeout.isNegative() ? 0 : timeout.toNanos();
        this.abort = abort;
        this.stopInput = stopInput;
        this.peer = peer;
        this.clock = clock;
        if (timeoutNanos == 0 || !ticking) {
            this.tick = null;
        } else {
            long period = Math.max(5_000_000L, Math.min(timeoutNanos / 8, 100_000_000L));
            this.tick = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Ends the read or write in progress when it has been blocked longer than the timeout: a
     * write always (it aborts the transport), a read unless reads are not timed.
     */
    void check() {
        if (timeoutNanos == 0) {
            return;
        }
        long now = clock.nanoTime();
        long r = readingSince;
        long w = writingSince;
        if (stalled != null) {
            return;
        }
        if (w != 0 && now - w > timeoutNanos) {
            stalled = "the connection stalled: " + peer + " took nothing for " + millis() + " ms (the timeout)";
            abort.run();
        } else if (r != 0 && readsTimed && now - r > timeoutNanos) {
            stalled = "the connection stalled: nothing arrived from " + peer + " for " + millis() + " ms (the timeout)";
            stopInput.run();
        }
    }

    private long millis() {
        return timeoutNanos / 1_000_000;
    }

    /** Measures the timeout on {@code c} from now on; set it while no call is in progress. */
    void clock(MigrationClock c) {
        this.clock = java.util.Objects.requireNonNull(c, "clock");
    }

    /** Whether a read that waits longer than the timeout is a stall (it is unless turned off). */
    void readsTimed(boolean on) {
        readsTimed = on;
    }

    /** Whether a read, or a write, is in progress. */
    boolean inProgress() {
        return readingSince != 0 || writingSince != 0;
    }

    /** Why the guard aborted the transport, or null. */
    String stalled() {
        return stalled;
    }

    ReadableByteChannel guard(ReadableByteChannel c) {
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                readingSince = clock.nanoTime() | 1;
                try {
                    int n = c.read(dst);
                    if (n < 0 && stalled != null) {
                        throw new TransportStalledException(stalled, null); // the guard ended the input
                    }
                    return n;
                } catch (TransportStalledException e) {
                    throw e;
                } catch (IOException e) {
                    throw explain(e);
                } finally {
                    readingSince = 0;
                }
            }

            @Override
            public boolean isOpen() {
                return c.isOpen();
            }

            @Override
            public void close() throws IOException {
                c.close();
            }
        };
    }

    WritableByteChannel guard(WritableByteChannel c) {
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                int total = 0;
                int end = src.limit();
                try {
                    while (src.position() < end) {
                        src.limit(Math.min(end, src.position() + PIECE));
                        writingSince = clock.nanoTime() | 1;
                        try {
                            total += c.write(src);
                        } finally {
                            writingSince = 0;
                        }
                    }
                } catch (IOException e) {
                    throw explain(e);
                } finally {
                    src.limit(end);
                }
                return total;
            }

            @Override
            public boolean isOpen() {
                return c.isOpen();
            }

            @Override
            public void close() throws IOException {
                c.close();
            }
        };
    }

    /** The failure of a call that the guard cut short says so. */
    private IOException explain(IOException e) {
        String why = stalled;
        return why == null ? e : new TransportStalledException(why, e);
    }

    @Override
    public void close() {
        if (tick != null) {
            tick.cancel(false);
        }
    }
}
