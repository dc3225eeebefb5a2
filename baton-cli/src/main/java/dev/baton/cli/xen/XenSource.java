package dev.baton.cli.xen;

import dev.baton.cli.option.InputFile;
import dev.baton.core.wire.InputFiles;
import dev.baton.core.wire.WireInput;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stream argument of the xen commands, opened: a file (whose size then bounds every length) or
 * {@code -} for standard input.
 */
final class XenSource implements Closeable {
    private final String argument;
    private final WireInput input;
    private final Closeable owned;
    private final long size;

    private XenSource(String argument, WireInput input, Closeable owned, long size) {
        this.argument = argument;
        this.input = input;
        this.owned = owned;
        this.size = size;
    }

    static XenSource open(String argument) throws IOException {
        InputFile file = InputFile.of(argument);
        if (file.isStdin()) {
            return new XenSource(argument, WireInput.of(file.open()), null, -1);
        }
        Path p = Path.of(argument);
        FileChannel channel = InputFiles.open(p);
        long size = Files.isRegularFile(p) ? channel.size() : -1;
        return new XenSource(argument, size >= 0 ? WireInput.of(channel, size) : WireInput.of(channel), channel, size);
    }

    /** Display name for messages. */
    String name() {
        return InputFile.name(argument);
    }

    WireInput input() {
        return input;
    }

    /** Size in octets when known, else -1. */
    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
        }
    }
}
