package dev.baton.store.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The store's privileged Unix sockets (xenstore's wire protocol, the control channel): bound
 * 0600, so that their owner alone connects (their directory, 0700, is checked by whoever makes
 * it: {@code RunDirectory}).
 */
public final class UnixSockets {
    private static final int BACKLOG = 512;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private UnixSockets() {
    }

    /**
     * Binds {@code path}, replacing a socket file left by a process that is gone (not one a
     * process serves), and makes it its owner's alone (0600).
     *
     * @throws IOException when another process serves it, or it cannot be bound
     */
    public static ServerSocketChannel bindPrivate(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (answers(path)) {
                throw new IOException("another process serves the socket " + path);
            }
            Files.delete(path); // a socket whose process is gone
        }
        return bind(path);
    }

    /** Binds {@code path}, which must not exist, 0600. */
    static ServerSocketChannel bind(Path p) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(p), BACKLOG);
            if (POSIX) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot bind the socket " + p + ": " + e.getMessage(), e);
        }
        return ch;
    }

    /** Whether a process accepts connections on the socket {@code p}. */
    static boolean answers(Path p) {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(p))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
