package dev.baton.store.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The store's privileged Unix sockets (xenstore's wire protocol, the control channel): bound
 * 0600, so that their owner alone connects (their directory, 0700, is checked by whoever makes
 * it: {@code RunDirectory}).
 */
public final class UnixSockets {
    private static final int BACKLOG = 512;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    /** The file type bits of a Unix mode, and a socket's (sys/stat.h). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private UnixSockets() {
    }

    /**
     * Binds {@code path}, replacing a socket file left by a process that is gone (not one a
     * process serves), and makes it its owner's alone (0600).
     *
     * @throws IOException when another process serves it, it names something other than a
     *         socket, or it cannot be bound
     */
    public static ServerSocketChannel bindPrivate(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (answers(path)) {
                throw new IOException("another process serves the socket " + path);
            }
            deleteSocket(path); // a socket whose process is gone
        }
        return bind(path);
    }

    /**
     * Binds {@code path} 0600, replacing a socket file there (one an earlier attempt left) but
     * nothing else.
     *
     * @throws IOException when it names something other than a socket, or cannot be bound
     */
    public static ServerSocketChannel bindOverSocket(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            deleteSocket(path);
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

    /**
     * Deletes the socket file {@code p}, and only a socket: a path that names anything else (a
     * file, a directory, a link) is the user's mistake, and a store that deleted it to bind there
     * would destroy what it names.
     */
    private static void deleteSocket(Path p) throws IOException {
        if (!isSocket(p)) {
            throw new IOException(p + " exists and is not a socket: the store binds only where nothing is, or a "
                    + "socket no process serves");
        }
        Files.delete(p);
    }

    /** Whether {@code p} itself (not what a link names) is a Unix socket file. */
    public static boolean isSocket(Path p) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("unix")) {
            return false; // no way to tell: replace nothing
        }
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & S_IFMT) == S_IFSOCK;
    }

    /** Where Linux lists the Unix sockets of this network namespace, each with the path it is bound to. */
    private static final Path PROC_NET_UNIX = Path.of("/proc/net/unix");

    /**
     * The paths that Unix sockets of this host are bound to, as they were bound (the paths of the
     * file names that start with {@code prefix} only), or empty when the system does not say (not
     * Linux). Unlike a connect ({@link #answers}), asking takes nothing from a socket whose process
     * accepts a single connection, as the new process of a live update does.
     */
    public static Optional<Set<Path>> boundPaths(String prefix) {
        if (!Files.isReadable(PROC_NET_UNIX)) {
            return Optional.empty();
        }
        Set<Path> bound = new HashSet<>();
        try (Stream<String> lines = Files.lines(PROC_NET_UNIX, StandardCharsets.UTF_8)) {
            // Num RefCount Protocol Flags Type St Inode Path: the path, when there is one, is the rest of the line
            lines.skip(1).map(l -> l.split(" +", 8)).filter(f -> f.length == 8 && f[7].startsWith("/")).forEach(f -> {
                try {
                    Path p = Path.of(f[7]);
                    if (p.getFileName() != null && p.getFileName().toString().startsWith(prefix)) {
                        bound.add(p);
                    }
                } catch (InvalidPathException e) {
                    // not a path this JVM can name: none of ours
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        return Optional.of(bound);
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
