package dev.baton.migrate.transport;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/** Where a target waits for a source to connect: a TCP or TLS server socket. */
public interface TransportListener extends Closeable {

    /** The local port, useful when the listener was bound to port 0. */
    int port();

    /**
     * Waits for one source and returns its connection, ready (for TLS: after the handshake, with
     * the source's certificate checked).
     *
     * @param wait how long to wait for a source; {@link Duration#ZERO} for ever
     * @throws java.net.SocketTimeoutException when no source came in time
     */
    Transport accept(Duration wait) throws IOException;
}
