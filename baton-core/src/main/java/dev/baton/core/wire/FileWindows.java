package dev.baton.core.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Read-only windows of a file mapped one at a time, each unmapped as soon as the next is mapped or
 * the windows are closed: the memory and the file's pages are given back when the reader is done,
 * not whenever the garbage collector runs. A view of an unmapped window fails with
 * {@link IllegalStateException} instead of reading freed memory.
 *
 * <p>Unmapping at a chosen moment needs {@code java.lang.foreign} (Java 22): the implementation,
 * {@code ArenaFileWindows}, is compiled for Java 22 (src/main/java22) and loaded only there. On
 * Java 21 {@link #open} returns {@code null} and files are read through a buffer instead.
 */
interface FileWindows extends AutoCloseable {

    /** Unmaps the window mapped before, if any, and maps {@code length} octets at {@code at}. */
    ByteBuffer map(long at, long length) throws IOException;

    /** Unmaps the last window. */
    @Override
    void close();

    /** Windows over {@code channel}, or {@code null} when this Java cannot unmap them on demand. */
    static FileWindows open(FileChannel channel) {
        if (Runtime.version().feature() < 22) {
            return null;
        }
        try {
            return (FileWindows) Class.forName("dev.baton.core.wire.ArenaFileWindows")
                    .getDeclaredConstructor(FileChannel.class).newInstance(channel);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // a jar built without the Java 22 class: read instead of mapping
        }
    }
}
