package dev.baton.migrate.precopy;

import dev.baton.core.wire.RecordFrame;
import dev.baton.core.wire.RecordWriter;
import dev.baton.migrate.RecordTypes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The source's extra channels of a migration (docs/MIGRATION.md, "Channels"), each a Baton
 * stream of its own written by a thread of its own, as QEMU's multifd does: the
 * {@link RegionSender} hands each run of dirty pages to the next channel in turn, and the channel's
 * thread copies the pages into its writer (and checksums them, and for TLS encrypts them) while
 * the others do the same. A pass ends with {@link #sync}: every channel writes CHANNEL_SYNC and
 * the pass returns only when all have written everything the pass gave them.
 *
 * <p>A channel that fails (its connection drops, stalls past its timeout) makes the next call
 * of the session's thread fail with its cause; {@link #abort} stops every channel at once.
 */
public final class ChannelSenders {
    /** Runs a channel's queue holds before the session's thread waits for it. */
    private static final int QUEUE = 8;
    /** How often a wait on a channel looks whether one of them failed. */
    private static final long CHECK_MILLIS = 50;

    private final List<Lane> lanes = new ArrayList<>();
    private final Runnable onFailure;
    private volatile Throwable failure;
    private int next;
    private int passes;

    /**
     * Starts a thread per writer. Each writer's stream has its header and STATIC_DATA_END written.
     *
     * @param onFailure run once, from the failing channel's thread, when a channel fails: the
     *                  session aborts every transport, so that nothing waits on a dead migration
     */
    public ChannelSenders(List<RecordWriter> writers, Runnable onFailure) {
        this.onFailure = onFailure;
        for (int i = 0; i < writers.size(); i++) {
            Lane lane = new Lane(i + 1, writers.get(i));
            lanes.add(lane);
            lane.thread.start();
        }
    }

    /** The extra channels. */
    public int count() {
        return lanes.size();
    }

    /** Octets of the channels' streams written or queued so far (all written once {@link #finish} returned). */
    public long octets() {
        long n = 0;
        for (Lane l : lanes) {
            n += l.queued;
        }
        return n;
    }

    /** Queues a run of pages on the next channel in turn. */
    void send(int index, PagedRegion r, long first, int count, int length) throws IOException {
        Lane lane = lanes.get(next);
        next = (next + 1) % lanes.size();
        lane.queued += RecordFrame.size(RegionSender.PAGES_HEADER + length, lane.writer.options().checksums());
        put(lane, new Run(index, r, first, count, length));
    }

    /** Ends a pass: every channel writes CHANNEL_SYNC and flushes; returns when all have. */
    void sync() throws IOException {
        CountDownLatch done = new CountDownLatch(lanes.size());
        for (Lane lane : lanes) {
            lane.queued += RecordFrame.size(8, lane.writer.options().checksums());
            put(lane, new Sync(passes, done));
        }
        passes++;
        await(done);
    }

    /** Ends every channel's stream with END; returns when all are written. */
    public void finish() throws IOException {
        CountDownLatch done = new CountDownLatch(lanes.size());
        for (Lane lane : lanes) {
            put(lane, new End(done));
        }
        await(done);
    }

    /** Stops every channel's thread; what they were writing is lost, as the migration is. */
    public void abort() {
        if (failure == null) {
            failure = new IOException("the migration was aborted");
        }
        for (Lane lane : lanes) {
            lane.thread.interrupt();
        }
    }

    private void put(Lane lane, Object item) throws IOException {
        check();
        try {
            while (!lane.queue.offer(item, CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing pages to channel " + lane.number);
        }
    }

    private void await(CountDownLatch done) throws IOException {
        try {
            while (!done.await(CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the channels");
        }
        check();
    }

    /** Throws the first channel's failure, if one failed. */
    private void check() throws IOException {
        Throwable f = failure;
        if (f != null) {
            throw f instanceof IOException io ? io : new IOException(f.getMessage(), f);
        }
    }

    private record Run(int index, PagedRegion region, long first, int count, int length) {
    }

    private record Sync(int pass, CountDownLatch done) {
    }

    private record End(CountDownLatch done) {
    }

    /** One channel: its writer, its queue and the thread that empties it. */
    private final class Lane implements Runnable {
        final int number;
        final RecordWriter writer;
        final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
        final Thread thread;
        /** Written by the session's thread only. */
        long queued;

        Lane(int number, RecordWriter writer) {
            this.number = number;
            this.writer = writer;
            this.thread = Thread.ofPlatform().daemon().name("baton-channel-" + number).unstarted(this);
        }

        @Override
        public void run() {
            try {
                for (;;) {
                    switch (queue.take()) {
                        case Run r -> {
                            ByteBuffer data = r.region().view(r.first() * r.region().pageSize(), r.length());
                            writer.begin(RecordTypes.PAGES).putInt(r.index()).putInt(r.count()).putLong(r.first())
                                    .put(data).end();
                        }
                        case Sync s -> {
                            writer.begin(RecordTypes.CHANNEL_SYNC).putInt(s.pass()).putInt(0).end();
                            writer.flush();
                            s.done().countDown();
                        }
                        case End e -> {
                            writer.writeEnd();
                            e.done().countDown();
                            return;
                        }
                        default -> throw new IllegalStateException("not a channel's work");
                    }
                }
            } catch (InterruptedException e) {
                // aborted: the session is failing already
            } catch (Throwable t) {
                Throwable cause = t instanceof java.io.UncheckedIOException u ? u.getCause() : t;
                if (failure == null) {
                    failure = new IOException("channel " + number + " failed: " + cause.getMessage(), cause);
                    onFailure.run();
                }
            }
        }
    }
}
