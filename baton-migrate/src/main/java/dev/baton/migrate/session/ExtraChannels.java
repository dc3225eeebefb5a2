package dev.baton.migrate.session;

import dev.baton.core.wire.RecordWriter;
import dev.baton.migrate.precopy.ChannelSenders;
import dev.baton.migrate.returnpath.ControlCodec;
import dev.baton.migrate.returnpath.ControlMessage;
import dev.baton.migrate.returnpath.ControlWriter;
import dev.baton.migrate.transport.Transport;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The source's connections of a migration beyond the first (docs/MIGRATION.md, "Channels"):
 * opened after START, each proves with JOIN and START's token that it belongs to this migration,
 * then carries a Baton stream of its own (header as the main stream's, STATIC_DATA_END, PAGES and
 * CHANNEL_SYNC, END) written by its {@link ChannelSenders} thread.
 */
final class ExtraChannels {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Transport> transports;
    private final ChannelSenders senders;

    private ExtraChannels(List<Transport> transports, List<RecordWriter> writers) {
        this.transports = transports;
        this.senders = new ChannelSenders(writers, this::abortTransports);
    }

    /** A new migration's token: {@link ControlCodec#TOKEN} random octets, in hex. */
    static String token() {
        byte[] t = new byte[ControlCodec.TOKEN];
        RANDOM.nextBytes(t);
        return HexFormat.of().formatHex(t);
    }

    /** Opens START's extra channels with the session's opener, and starts their threads. */
    static ExtraChannels open(SourceSession session, ControlMessage.Start start, Negotiation.Choice choice)
            throws IOException {
        List<Transport> transports = new ArrayList<>();
        List<RecordWriter> writers = new ArrayList<>();
        int i = 1;
        try {
            for (; i < start.channels(); i++) {
                Transport t = session.opener.open();
                transports.add(t);
                t.clock(session.clock);
                t.timeReads(false); // nothing comes back on an extra channel but its closing
                new ControlWriter(t.out()).write(new ControlMessage.Join(i, start.token()));
                RecordWriter w = session.openStream(t.out(), choice);
                w.writeStaticDataEnd();
                writers.add(w);
            }
        } catch (IOException | RuntimeException e) {
            abortAll(transports);
            throw new IOException("opening channel " + i + " (of 1 to " + (start.channels() - 1) + ") failed: "
                    + e.getMessage(), e);
        }
        return new ExtraChannels(transports, writers);
    }

    ChannelSenders senders() {
        return senders;
    }

    /** Ends every channel's stream and its output; returns when all are written. */
    void finish() throws IOException {
        senders.finish();
        for (Transport t : transports) {
            t.finishOutput();
        }
    }

    /** Stops the channels' threads and closes their connections at once. */
    void abort() {
        senders.abort();
        abortTransports();
    }

    private void abortTransports() {
        abortAll(transports);
    }

    void close() {
        closeAll(transports);
    }

    /** Aborts every one of a migration's connections; never throws. */
    static void abortAll(List<Transport> transports) {
        for (Transport t : transports) {
            if (t != null) {
                t.abort();
            }
        }
    }

    /** Closes every one of a migration's connections, the outcome decided already. */
    static void closeAll(List<Transport> transports) {
        for (Transport t : transports) {
            try {
                t.close();
            } catch (IOException ignored) {
                // the outcome is decided; closing cannot change it
            }
        }
    }
}
