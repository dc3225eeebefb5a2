package dev.baton.cli.option;

import dev.baton.core.wire.InputFiles;
import dev.baton.core.wire.Utf8;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A FILE argument that a command reads whole or as a stream: a path, or {@code -} for standard
 * input, as every FILE of every command takes it. Standard input can be read once, so a second
 * argument that names it is an error (exit 2) rather than an empty file.
 */
public final class InputFile {
    /** The argument that names standard input. */
    public static final String STDIN = "-";

    /** Whether an argument of this run has opened standard input. */
    private static final AtomicBoolean STDIN_TAKEN = new AtomicBoolean();

    private final String argument;

    private InputFile(String argument) {
        this.argument = argument;
    }

    /** The FILE argument {@code argument}: a path, or {@code -}. */
    public static InputFile of(String argument) {
        return new InputFile(argument);
    }

    public boolean isStdin() {
        return argument.equals(STDIN);
    }

    /** How messages name it: the path as given, or {@code <stdin>}. */
    public String name() {
        return name(argument);
    }

    /** How messages name the argument {@code argument}: as given, or {@code <stdin>} for {@code -}. */
    public static String name(String argument) {
        return argument.equals(STDIN) ? "<stdin>" : argument;
    }

    /** The path, for a file; standard input has none. */
    public Path path() {
        if (isStdin()) {
            throw new IllegalStateException("standard input has no path");
        }
        return Path.of(argument);
    }

    /**
     * Opens it for reading. Closing what is returned leaves standard input open (the JVM's own).
     *
     * @throws IOException when it cannot be opened, or it is standard input and another argument
     *                     has read that already
     */
    public InputStream open() throws IOException {
        if (!isStdin()) {
            // core's InputFiles refuses a directory with its path, as every reader does
            return Channels.newInputStream(InputFiles.open(path()));
        }
        if (!STDIN_TAKEN.compareAndSet(false, true)) {
            throw new IOException("standard input can be read once: only one FILE can be -");
        }
        return new FilterInputStream(System.in) {
            @Override
            public void close() {
                // System.in stays open for the rest of the run
            }
        };
    }

    /** All its octets. */
    public byte[] readAllBytes() throws IOException {
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    /** Its text, which must be UTF-8 (strictly: a malformed sequence is an error, not a U+FFFD). */
    public String readText() throws IOException {
        byte[] octets = readAllBytes();
        String text = Utf8.decode(ByteBuffer.wrap(octets), 0, octets.length);
        if (text == null) {
            throw new IOException(name() + " is not UTF-8 text");
        }
        return text;
    }

    @Override
    public String toString() {
        return name();
    }
}
