package dev.baton.core.wire;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the files that readers read. A directory opens for reading on Linux, and the first read
 * then fails with a bare "Is a directory" that names no file; here it is refused at once, with
 * its path, as {@link Files} refuses a missing file.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * {@code file} opened for reading.
     *
     * @throws FileSystemException naming the file when it is a directory (and the JDK's
     *                             NoSuchFileException, AccessDeniedException, ... otherwise)
     */
    public static FileChannel open(Path file) throws IOException {
        return FileChannel.open(notADirectory(file));
    }

    /**
     * {@code file}, when it is not a directory: for readers that open it their own way
     * ({@link Files#readString}, a key store).
     *
     * @throws FileSystemException naming the file when it is a directory
     */
    public static Path notADirectory(Path file) throws FileSystemException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory, not a file");
        }
        return file;
    }
}
