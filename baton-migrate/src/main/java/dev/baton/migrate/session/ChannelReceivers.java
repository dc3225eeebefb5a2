package dev.baton.migrate.session;

import dev.baton.core.wire.Plural;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.StreamRecord;
import dev.baton.migrate.MigrationClock;
import dev.baton.migrate.RecordTypes;
import dev.baton.migrate.precopy.RegionReceiver;
import dev.baton.migrate.returnpath.ControlMessage;
import dev.baton.migrate.returnpath.ControlReader;
import dev.baton.migrate.returnpath.ControlWriter;
import dev.baton.migrate.transport.Transport;
import dev.baton.migrate.transport.TransportListener;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The target's connections of a migration beyond the first (docs/MIGRATION.md, "Channels"):
 * accepted after START from the same listener, each kept only when its JOIN presents START's
 * token; then a thread per channel reads its stream and loads its PAGES into the regions.
 *
 * <p>Order across channels: a channel's thread that reads CHANNEL_SYNC of pass {@code k} waits
 * until every channel has read it, so no page of pass {@code k + 1} is loaded before every page
 * of pass {@code k} (a page sent in both goes by different channels, and the later copy must
 * win); the main stream's ITERATION_END of pass {@code k} and its END wait for the same. A
 * channel that fails makes every wait fail with its cause.
 */
final class ChannelReceivers {
    private final List<Transport> transports;
    private final List<Thread> threads = new ArrayList<>();
    /** Per channel: the passes whose CHANNEL_SYNC it has read. */
    private final long[] synced;
    private int ended;
    private Throwable failure;
    private long mainPasses;

    private ChannelReceivers(List<Transport> transports) {
        this.transports = transports;
        this.synced = new long[transports.size()];
    }

    /**
     * Accepts START's extra channels from {@code listener} within {@code wait}. A connection
     * whose first message is not a JOIN with START's token, or joins as a channel already taken,
     * is answered ERROR, closed and counted, and the wait goes on.
     *
     * @param refused told each refusal, in words
     */
    static ChannelReceivers accept(TransportListener listener, ControlMessage.Start start, Duration wait,
            MigrationClock clock, java.util.function.Consumer<String> refused) throws IOException {
        int extra = start.channels() - 1;
        Transport[] joined = new Transport[extra];
        int have = 0;
        long deadline = clock.nanoTime() + wait.toNanos();
        byte[] token = start.token().getBytes(StandardCharsets.US_ASCII);
        try {
            while (have < extra) {
                long left = deadline - clock.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("only " + have + " of the " + Plural.count(extra, "extra channel")
                            + " joined within " + wait.toMillis() + " ms");
                }
                Transport t = listener.accept(Duration.ofNanos(left));
                t.clock(clock);
                String why;
                try {
                    ControlMessage m = new ControlReader(t.in(), "channel").read();
                    why = m instanceof ControlMessage.Join j
                            ? !MessageDigest.isEqual(j.token().getBytes(StandardCharsets.US_ASCII), token)
                                    ? "its token is not this migration's"
                                    : j.channel() > extra ? "it joins as channel " + j.channel() + " of " + extra
                                    : joined[j.channel() - 1] != null ? "channel " + j.channel() + " joined already"
                                    : null
                            : "it sent " + m.name() + ", not JOIN";
                    if (why == null) {
                        joined[((ControlMessage.Join) m).channel() - 1] = t;
                        have++;
                        continue;
                    }
                } catch (IOException e) {
                    why = e.getMessage();
                }
                refused.accept(t.description() + " was refused as a channel: " + why);
                try {
                    new ControlWriter(t.out()).write(new ControlMessage.Error("channel refused: " + why));
                } catch (IOException ignored) {
                    // it may not be listening: refusing it is all that matters
                }
                t.abort();
            }
        } catch (IOException | RuntimeException e) {
            ExtraChannels.abortAll(Arrays.asList(joined));
            throw e;
        }
        return new ChannelReceivers(List.of(joined));
    }

    /**
     * Starts a thread per channel that reads its stream, whose header must be what START
     * announced, and loads its PAGES into {@code receiver}. Call it once the receiver knows the
     * regions (MIGRATION_SESSION was read).
     */
    void start(RegionReceiver receiver, ReaderOptions options, ControlMessage.Start start) {
        for (int i = 0; i < transports.size(); i++) {
            int channel = i;
            Thread t = Thread.ofPlatform().daemon().name("baton-channel-" + (i + 1)).unstarted(() -> {
                try {
                    read(channel, receiver, options, start);
                } catch (Throwable e) {
                    fail(channel, e);
                }
            });
            threads.add(t);
            t.start();
        }
    }

    private void read(int channel, RegionReceiver receiver, ReaderOptions options, ControlMessage.Start start)
            throws IOException {
        RecordReader reader = RecordReader.open(transports.get(channel).in(), options);
        TargetSession.checkHeader(reader.header(), "START", start.stream(), start.profile());
        for (StreamRecord r; (r = reader.next()) != null; ) {
            switch (r.type()) {
                case RecordType.STATIC_DATA_END -> {
                }
                case RecordTypes.PAGES -> receiver.load(r);
                case RecordTypes.CHANNEL_SYNC -> sync(channel, r);
                case RecordType.END -> {
                    ended();
                    return;
                }
                default -> throw r.error(r.typeName() + " on a channel, which carries only PAGES and CHANNEL_SYNC", 0);
            }
        }
        throw new IOException("the stream ended without END");
    }

    private void sync(int channel, StreamRecord r) throws IOException {
        var body = r.body();
        if (r.length() != 8 || body.getInt(4) != 0) {
            throw r.error("CHANNEL_SYNC body is " + Plural.count(r.length(), "octet")
                    + " or its reserved field is not zero; it is 8 octets: pass, zero", 0);
        }
        long pass = body.getInt(0) & 0xFFFF_FFFFL;
        synchronized (this) {
            if (pass != synced[channel]) {
                throw r.error("CHANNEL_SYNC of pass " + pass + " where pass " + synced[channel] + " was due", 0);
            }
            synced[channel]++;
            notifyAll();
            awaitAll(synced[channel]);
        }
    }

    private synchronized void ended() {
        ended++;
        notifyAll();
    }

    /** The main stream's ITERATION_END: waits until every channel has ended that pass too. */
    synchronized void iterationEnded() throws IOException {
        awaitAll(++mainPasses);
    }

    /** The main stream's END: waits until every channel's stream has ended. */
    void finish() throws IOException {
        synchronized (this) {
            while (ended < transports.size()) {
                waitOrFail();
            }
        }
        for (Thread t : threads) { // each ends right after its END: what it loaded is seen from here on
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the channels ended");
            }
        }
    }

    /** Stops every channel at once: a failing migration's. */
    void abort() {
        synchronized (this) {
            if (failure == null) {
                failure = new IOException("the migration failed");
            }
            notifyAll();
        }
        ExtraChannels.abortAll(transports);
    }

    void close() {
        ExtraChannels.closeAll(transports);
    }

    private void fail(int channel, Throwable e) {
        synchronized (this) {
            if (failure == null) {
                Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
                String stalled = transports.get(channel).stalled();
                failure = new IOException("channel " + (channel + 1) + " failed: "
                        + (stalled != null ? stalled : cause.getMessage()), cause);
            }
            notifyAll();
        }
        ExtraChannels.abortAll(transports);
    }

    /** Holding the lock: waits until every channel has read {@code passes} CHANNEL_SYNCs. */
    private void awaitAll(long passes) throws IOException {
        while (Arrays.stream(synced).min().orElse(passes) < passes) {
            waitOrFail();
        }
        if (failure != null) {
            throw failure instanceof IOException io ? io : new IOException(failure);
        }
    }

    private void waitOrFail() throws IOException {
        if (failure != null) {
            throw failure instanceof IOException io ? io : new IOException(failure);
        }
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the channels");
        }
        if (failure != null) {
            throw failure instanceof IOException io ? io : new IOException(failure);
        }
    }
}
