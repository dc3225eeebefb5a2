package dev.baton.store.live;

import dev.baton.store.server.UnixSockets;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the live updates of one store keep their files: the output of each new process
 * ({@code update-N.log}), the dump a live update through xenstore's format goes through
 * ({@code update-N.xenstore}) and the quirks a new process loads with ({@code update-N.quirks}),
 * N counting the updates of that store from 1; the migration sockets ({@code migration-*}) the
 * new processes listen on, in the state directory of the store they take over.
 *
 * <p>By default one directory a store port: {@code $XDG_RUNTIME_DIR/baton-store/PORT} when that
 * variable names a directory, else {@code <java.io.tmpdir>/baton-store-<user>/PORT}. The
 * directories made are private (0700) and the files too (0600): logs and dumps hold the store's
 * values. A directory that exists must be a directory of this user, not a link.
 */
public final class RunDirectory {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** The default run directory of the store on {@code port} (not made yet). */
    public static Path defaultFor(int port) {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path base = runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))
                ? Path.of(runtime, "baton-store")
                : Path.of(System.getProperty("java.io.tmpdir"), "baton-store-" + System.getProperty("user.name"));
        return base.resolve(Integer.toString(port));
    }

    /**
     * Opens {@code dir}, making it and its missing parents private (0700).
     *
     * @throws IOException when it cannot be made, or exists as something else than a directory of this user
     */
    public static RunDirectory open(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        make(abs);
        return new RunDirectory(abs);
    }

    private static void make(Path d) throws IOException {
        if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            check(d);
            return;
        }
        Path parent = d.getParent();
        if (parent != null && !Files.exists(parent)) {
            make(parent);
        }
        try {
            if (POSIX) {
                Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
                Files.setPosixFilePermissions(d, PRIVATE_DIR); // the umask may have taken some away
            } else {
                Files.createDirectory(d);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("run directory " + d + " exists and is not a directory (or is a link)");
            }
            check(d); // made meanwhile by another run
        }
    }

    /**
     * A directory that exists already must be this user's and reachable by this user alone (no
     * group or other permission): another user could read or plant files in it, or connect to the
     * privileged sockets in it.
     */
    private static void check(Path d) throws IOException {
        if (!POSIX) {
            return;
        }
        String owner = Files.getOwner(d, LinkOption.NOFOLLOW_LINKS).getName();
        String me = System.getProperty("user.name");
        if (!owner.equals(me)) {
            throw new IOException("run directory " + d + " belongs to " + owner + ", not to " + me
                    + ": choose another with --run-dir");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(d, LinkOption.NOFOLLOW_LINKS);
        if (!PRIVATE_DIR.containsAll(perms)) {
            throw new IOException("run directory " + d + " is " + PosixFilePermissions.toString(perms)
                    + ": other users could reach what it holds; make it rwx------ (chmod 700) or choose another");
        }
    }

    /**
     * The file {@code name} names in this directory, for a dump or a load the control channel
     * asks for: a relative name that stays inside it, also once links are followed (the file
     * itself need not exist yet; its directory must).
     *
     * @throws IllegalArgumentException naming the path and why it is refused: absolute, with
     *                                  {@code ..}, or leading out of this directory through a link
     */
    public Path confined(String name) throws IOException {
        Path p;
        try {
            p = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(name + ": not a path (" + e.getReason() + ")");
        }
        if (name.isEmpty() || p.isAbsolute()) {
            throw new IllegalArgumentException(name + ": refused: absolute; a name relative to the store's state "
                    + "directory " + dir + " is expected");
        }
        for (Path part : p) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException(name + ": refused: '..' leads out of the store's state directory "
                        + dir);
            }
        }
        Path file = dir.resolve(p).normalize();
        Path real = dir.toRealPath();
        Path parent = file.getParent().toRealPath(); // NoSuchFileException when its directory is missing
        if (Files.isSymbolicLink(file) && !Files.exists(file)) { // a write would follow it wherever it points
            throw new IllegalArgumentException(name + ": refused: a link to a file that does not exist ("
                    + Files.readSymbolicLink(file) + ")");
        }
        Path resolved = Files.exists(file) ? file.toRealPath() : parent.resolve(file.getFileName());
        if (!resolved.startsWith(real)) {
            throw new IllegalArgumentException(name + ": refused: a link leads out of the store's state directory "
                    + dir + " (to " + resolved + ")");
        }
        return resolved;
    }

    public Path path() {
        return dir;
    }

    /** The prefix of the migration sockets that the new processes of live updates listen on here. */
    public static final String MIGRATION_SOCKET_PREFIX = "migration-";

    /**
     * Removes the migration sockets ({@code migration-*}) of this directory that no process has
     * bound any more: what a new process killed before the old one connected leaves (it removes
     * its socket itself on every other way out). Where the system does not list its bound sockets
     * (not Linux), or when this directory's path holds a control character (which that list would
     * not show as it is), nothing is removed.
     */
    public void removeStaleMigrationSockets() {
        if (dir.toString().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return;
        }
        List<Path> sockets = new ArrayList<>();
        // the files first, then who has them bound: a socket bound between the two is not among the files
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, MIGRATION_SOCKET_PREFIX + "*")) {
            for (Path f : files) {
                if (UnixSockets.isSocket(f)) {
                    sockets.add(f);
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            return; // nothing to tidy that can be seen
        }
        Optional<Set<Path>> bound = UnixSockets.boundPaths(MIGRATION_SOCKET_PREFIX);
        if (sockets.isEmpty() || bound.isEmpty()) {
            return;
        }
        Set<Path> live = new HashSet<>();
        for (Path b : bound.get()) {
            try {
                live.add(b.toRealPath()); // the path it was bound to, which may go through a link
            } catch (IOException e) {
                // its file is gone: nothing here
            }
        }
        for (Path f : sockets) {
            try {
                if (!live.contains(f.toRealPath())) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                // removed meanwhile, or not ours to remove: left as it is
            }
        }
    }

    /**
     * The files of one live update.
     *
     * @param number the update's number in this directory, from 1
     * @param log    the new process's output (made, empty)
     * @param dump   the xenstore dump it may go through (not made)
     * @param quirks the quirks file it may load with (not made: {@link #write})
     */
    public record Update(int number, Path log, Path dump, Path quirks) {
    }

    /** Writes {@code text} to {@code file} of this directory, private (0600) as its other files. */
    public void write(Path file, String text) throws IOException {
        Files.writeString(Files.createFile(file, privateFile()), text);
    }

    private static FileAttribute<?>[] privateFile() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_FILE)}
                : new FileAttribute<?>[0];
    }

    /** Makes the log of the next update (the first number whose log does not exist yet). */
    public Update next() throws IOException {
        for (int n = 1; ; n++) {
            Path log = dir.resolve("update-" + n + ".log");
            try {
                Files.createFile(log, privateFile());
                return new Update(n, log, dir.resolve("update-" + n + ".xenstore"), dir.resolve("update-" + n + ".quirks"));
            } catch (FileAlreadyExistsException e) {
                // taken by an earlier update: the next number
            }
        }
    }
}
