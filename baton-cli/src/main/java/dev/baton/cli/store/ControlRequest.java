package dev.baton.cli.store;

import dev.baton.cli.ErrorHandler;
import dev.baton.store.live.StoreControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;

/** One request to a running store's control socket, as the {@code store} commands make it. */
final class ControlRequest {
    /** How long the store may take to answer (a dump of a big store takes a while). */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ControlRequest() {
    }

    /**
     * Sends {@code line} to the control socket {@code control} and returns the answer; a socket
     * that cannot be reached is answered as an I/O failure ({@code EIO}).
     */
    static StoreControl.Reply send(Path control, String line) {
        try {
            return StoreControl.at(control).request(line, TIMEOUT);
        } catch (IOException e) {
            return new StoreControl.Reply(false, "EIO", e.getMessage());
        }
    }

    /**
     * {@code DUMP_XENSTORE}: the store writes the dump into its state directory (the only place it
     * writes), then this moves it to {@code file}.
     */
    static StoreControl.Reply dump(Path control, Path file) {
        StoreControl store = StoreControl.at(control);
        String name = stagedName("dump");
        StoreControl.Reply r = send(control, "DUMP_XENSTORE " + name);
        if (!r.ok()) {
            return r;
        }
        Path staged = store.stateDirectory().resolve(name);
        try {
            Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING);
            return r;
        } catch (NoSuchFileException e) {
            Path abs = file.toAbsolutePath();
            return new StoreControl.Reply(false, "EIO", abs + ": no such directory " + abs.getParent());
        } catch (IOException e) {
            return new StoreControl.Reply(false, "EIO", file.toAbsolutePath() + ": cannot be written ("
                    + e.getMessage() + ")");
        } finally {
            deleteQuietly(staged);
        }
    }

    /**
     * {@code LOAD_XENSTORE}: copies {@code file} into the store's state directory (the only place
     * it reads), has the store load it, and removes the copy; the answer names {@code file}.
     */
    static StoreControl.Reply load(Path control, Path file) {
        StoreControl store = StoreControl.at(control);
        String name = stagedName("load");
        Path staged = store.stateDirectory().resolve(name);
        try {
            Files.copy(file, staged);
        } catch (NoSuchFileException e) {
            return new StoreControl.Reply(false, "EIO", e.getFile().equals(file.toString())
                    ? file.toAbsolutePath() + ": no such file"
                    : "cannot reach the control socket " + control + "'s directory: no such directory");
        } catch (IOException e) {
            return new StoreControl.Reply(false, "EIO", file.toAbsolutePath() + ": cannot be read (" + e.getMessage() + ")");
        }
        try {
            StoreControl.Reply r = send(control, "LOAD_XENSTORE " + name);
            // the store names the file it read: say the user's instead
            return new StoreControl.Reply(r.ok(), r.code(), r.text().replace(staged.toString(),
                    file.toAbsolutePath().toString()).replace(name, file.toAbsolutePath().toString()));
        } finally {
            deleteQuietly(staged);
        }
    }

    private static String stagedName(String what) {
        return "cli-" + what + "-" + ProcessHandle.current().pid() + ".xenstore";
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover in a private directory; the next run's name differs
        }
    }

    /**
     * Prints a refusal as {@code spec}'s one-line error; returns the exit code: 2 when a file or
     * the store could not be reached, 1 when the store refused.
     */
    static int refused(CommandSpec spec, StoreControl.Reply r) {
        return CommandError.print(spec, r.text(), r.io() ? ErrorHandler.USAGE_OR_IO : ErrorHandler.BAD_INPUT);
    }
}
