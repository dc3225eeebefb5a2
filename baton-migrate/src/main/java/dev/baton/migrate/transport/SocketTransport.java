package dev.baton.migrate.transport;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

/**
 * A migration over one connected socket channel, TCP or a Unix socket: duplex, so the target
 * answers on the same connection, and each direction can be shut alone.
 */
abstract class SocketTransport extends ChannelTransport {
    private final SocketChannel channel;

    SocketTransport(SocketChannel channel, Duration timeout, String peer, String description) {
        super(channel, channel, timeout, peer, description, List.of(channel));
        this.channel = channel;
    }

    @Override
    public boolean hasReturnPath() {
        return true;
    }

    @Override
    public void finishOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** A stalled read ends with the input alone: the output stays open for the session's ERROR. */
    @Override
    void stopInput() {
        try {
            channel.shutdownInput();
        } catch (IOException e) {
            abort();
        }
    }
}
