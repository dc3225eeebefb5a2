package dev.baton.cli.xen;

import dev.baton.core.wire.InputFiles;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import dev.baton.xen.XenFormat;
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
        if (argument.equals("-")) {
            return new XenSource(argument, WireInput.of(System.in), null, -1);
        }
        Path p = Path.of(argument);
        FileChannel channel = InputFiles.open(p);
        long size = Files.isRegularFile(p) ? channel.size() : -1;
        return new XenSource(argument, size >= 0 ? WireInput.of(channel, size) : WireInput.of(channel), channel, size);
    }

    /** Display name for messages. */
    String name() {
        return argument.equals("-") ? "<stdin>" : argument;
    }

    WireInput input() {
        return input;
    }

    /** Size in octets when known, else -1. */
    long size() {
        return size;
    }

    /**
     * The format asked for, or the one the first octets show (nothing is consumed).
     *
     * @throws StreamFormatException when none is asked for and the octets are none of them
     */
    XenFormat format(XenFormat asked) throws IOException {
        if (asked != null) {
            return asked;
        }
        int have = input.fill(8);
        XenFormat seen = XenFormat.detect(input.buffer());
        if (seen == null) {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < have; i++) {
                hex.append(i == 0 ? "" : " ").append(String.format("%02x", input.buffer().get(input.buffer().position() + i)));
            }
            throw StreamFormatException.inHeader("not a xenstore, libxc or libxl stream: it starts with "
                    + (have == 0 ? "nothing (empty input)" : hex) + " (say which with --format)", 0);
        }
        return seen;
    }

    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
        }
    }
}
