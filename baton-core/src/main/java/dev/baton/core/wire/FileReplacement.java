package dev.baton.core.wire;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written whole or not at all: the octets go to a new file beside the target, which
 * {@link #commit()} moves over it in one step; closing without a commit deletes it and leaves
 * the target as it was. The target keeps its permissions, and a new one gets those any new file
 * gets (the umask decides), not a temporary file's 0600. Every failure names the target, never
 * the file beside it.
 */
public final class FileReplacement implements Closeable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private boolean committed;

    private FileReplacement(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    /**
     * Starts replacing {@code target}.
     *
     * @throws NoSuchFileException   naming the directory when the target's directory does not exist
     * @throws FileSystemException   naming the target when it is a directory, or cannot be written
     */
    public static FileReplacement create(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "is a directory, not a file");
        }
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such directory (for " + target + ")");
        }
        Path temp = dir.resolve("." + target.getFileName() + ".baton-" + Long.toHexString(
                ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
        FileChannel channel;
        try {
            // no attributes: the mode is 0666 less the umask, as for any new file
            channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(target.toString(), null, "cannot create a file in " + dir);
        } catch (FileSystemException e) {
            throw new FileSystemException(target.toString(), null, e.getReason());
        }
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
            if (view != null && Files.exists(target)) {
                view.setPermissions(Files.getPosixFilePermissions(target));
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
        return new FileReplacement(target, temp, channel);
    }

    /** Where to write the octets. */
    public FileChannel channel() {
        return channel;
    }

    /** Closes the channel and moves the new file over the target. */
    public void commit() throws IOException {
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            throw new FileSystemException(target.toString(), null, e.getReason());
        }
        committed = true;
    }

    /** Without a commit, deletes the new file: the target is left as it was. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            channel.close();
            Files.deleteIfExists(temp);
        }
    }
}
