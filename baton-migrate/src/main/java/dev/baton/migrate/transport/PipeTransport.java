package dev.baton.migrate.transport;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.time.Duration;
import java.util.List;

/**
 * A migration through a pipe: the source writes the stream to its standard output, the target
 * reads it from its standard input ({@code baton migrate send --to - | ssh host baton migrate
 * receive --from -}). One way only: no return path, so no handshake and no acknowledgement.
 *
 * <p>The standard streams are used through their file channels, which an abort interrupts, so
 * the timeout holds on pipes too.
 */
public final class PipeTransport extends ChannelTransport {

    private PipeTransport(java.nio.channels.ReadableByteChannel in, java.nio.channels.WritableByteChannel out,
            Duration timeout, String peer, String description, AutoCloseable resource) {
        super(in, out, timeout, peer, description, List.of(resource));
    }

    /** For the source: the stream goes to standard output. Nothing else may write there. */
    public static PipeTransport toStandardOutput(Duration timeout) {
        var channel = new FileOutputStream(FileDescriptor.out).getChannel();
        return new PipeTransport(null, channel, timeout, "the reader of standard output", "standard output", channel);
    }

    /** For the target: the stream comes from standard input. */
    public static PipeTransport fromStandardInput(Duration timeout) {
        var channel = new FileInputStream(FileDescriptor.in).getChannel();
        return new PipeTransport(channel, null, timeout, "standard input", "standard input", channel);
    }

    /** A pipe over given channels (a FIFO, a test's pipe). */
    public static PipeTransport of(java.nio.channels.ReadableByteChannel in, java.nio.channels.WritableByteChannel out,
            Duration timeout, String description) {
        AutoCloseable both = () -> {
            try {
                if (in != null) {
                    in.close();
                }
            } finally {
                if (out != null) {
                    out.close();
                }
            }
        };
        return new PipeTransport(in, out, timeout, "the other end of the pipe", description, both);
    }

    @Override
    public boolean hasReturnPath() {
        return false;
    }
}
