package dev.baton.migrate.transport;

import dev.baton.migrate.MigrationClock;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the transports share: the two guarded channels, the stall guard and an abort that closes
 * whatever the transport holds.
 */
abstract class ChannelTransport implements Transport {
    private final StallGuard guard;
    private final ReadableByteChannel in;
    private final WritableByteChannel out;
    private final String description;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param in          the raw input, or null when this end receives nothing
     * @param out         the raw output, or null when this end sends nothing
     * @param peer        the other end, for stall messages ("the target")
     * @param resources   closed by {@link #abort()} and {@link #close()}, in order
     */
    ChannelTransport(ReadableByteChannel in, WritableByteChannel out, Duration timeout, String peer, String description,
            List<? extends AutoCloseable> resources) {
        this.resources.addAll(resources);
        this.guard = new StallGuard(timeout, this::abort, this::stopInput, peer);
        this.in = in == null ? NoChannel.INSTANCE : guard.guard(in);
        this.out = out == null ? NoChannel.INSTANCE : guard.guard(out);
        this.description = description;
    }

    @Override
    public ReadableByteChannel in() {
        return in;
    }

    @Override
    public WritableByteChannel out() {
        return out;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void timeReads(boolean on) {
        guard.readsTimed(on);
    }

    @Override
    public String stalled() {
        return guard.stalled();
    }

    @Override
    public void clock(MigrationClock clock) {
        guard.clock(clock);
    }

    @Override
    public void abort() {
        closed = true;
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // aborting: the first failure is the one being reported elsewhere
            }
        }
    }

    /**
     * Ends a read blocked past the timeout. By default the whole transport is aborted; a
     * transport that can shut its input alone does so, and the session can still send its ERROR.
     */
    void stopInput() {
        abort();
    }

    @Override
    public void close() throws IOException {
        guard.close();
        if (!closed) {
            abort();
        }
    }

    /** The channel of the direction a transport does not have: reads end at once, writes fail. */
    private static final class NoChannel implements ReadableByteChannel, WritableByteChannel {
        static final NoChannel INSTANCE = new NoChannel();

        @Override
        public int read(java.nio.ByteBuffer dst) {
            return -1;
        }

        @Override
        public int write(java.nio.ByteBuffer src) throws IOException {
            throw new IOException("this transport sends nothing in this direction");
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
