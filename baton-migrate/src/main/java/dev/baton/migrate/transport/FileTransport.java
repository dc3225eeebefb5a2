package dev.baton.migrate.transport;

import dev.baton.core.wire.InputFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * A migration through a file: the source writes the stream to it, later a target reads it. No
 * return path, so no handshake, no refusal before the dynamic state and no acknowledgement: the
 * source is done when the whole stream is on disk ({@link #sync()}).
 */
public final class FileTransport extends ChannelTransport {
    private final FileChannel channel;

    private FileTransport(FileChannel channel, boolean writing, Path file, Duration timeout) {
        super(writing ? null : channel, writing ? channel : null, timeout, "the file", "file " + file,
                List.of(channel));
        this.channel = channel;
    }

    /** For the source: a new (or truncated) file to write the stream to. */
    public static FileTransport create(Path file) throws IOException {
        FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new FileTransport(c, true, file, Duration.ZERO);
    }

    /** For the target: an existing file to read the stream from. */
    public static FileTransport open(Path file) throws IOException {
        return new FileTransport(InputFiles.open(file), false, file, Duration.ZERO);
    }

    @Override
    public boolean hasReturnPath() {
        return false;
    }

    /** Forces the file's octets to the disk. */
    @Override
    public void sync() throws IOException {
        channel.force(true);
    }
}
