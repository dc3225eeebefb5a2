package dev.baton.migrate.transport;

import dev.baton.migrate.MigrationClock;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * One end of a migration's connection: a pair of byte channels, one each way. On the source,
 * {@link #out()} carries the stream and {@link #in()} the return path; on the target, the other
 * way round. File and pipe transports go one way only and have no return path
 * ({@link #hasReturnPath()} false): the session then skips the handshake and says so.
 *
 * <p>Every blocking read and write is bounded by the transport's timeout: a peer that sends or
 * takes nothing for that long makes the call fail with {@link TransportStalledException}, and
 * {@link #abort()} from any thread makes a blocked call fail at once.
 */
public interface Transport extends Closeable {

    /** Octets from the peer, or a channel at end of input when this end receives nothing. */
    ReadableByteChannel in();

    /** Octets to the peer; writing fails when this end sends nothing. */
    WritableByteChannel out();

    /** Whether the target can answer the source over this transport. */
    boolean hasReturnPath();

    /** What the transport is, for messages: {@code tcp 127.0.0.1:7000}, {@code file /tmp/s.baton}. */
    String description();

    /** Makes sure everything written reached the transport's destination (for a file: the disk). */
    default void sync() throws IOException {
    }

    /**
     * Ends this end's output cleanly (a TCP FIN), so that the peer reads the end of the input,
     * while this end may still read.
     */
    default void finishOutput() throws IOException {
    }

    /**
     * Whether reads that wait longer than the timeout fail (the default). A source turns this
     * off: its return path is silent while the stream flows, and it bounds its wait for each
     * answer instead.
     */
    void timeReads(boolean on);

    /**
     * Measures the timeout on {@code clock} from now on (by default the JVM's,
     * {@link MigrationClock#system()}). A session gives its transport its own clock before the
     * first read or write; a transport of your own may ignore it.
     */
    default void clock(MigrationClock clock) {
    }

    /** Closes at once, from any thread: blocked reads and writes fail. Never throws. */
    void abort();

    /** Why the transport gave up waiting, when it did ({@code null} otherwise). */
    String stalled();
}
