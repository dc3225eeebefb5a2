package dev.baton.cli.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.ErrorHandler;
import dev.baton.cli.JsonOutput;
import dev.baton.cli.Lines;
import dev.baton.cli.option.BadInputException;
import dev.baton.cli.option.OnLimitOption;
import dev.baton.cli.option.QuirksOption;
import dev.baton.cli.option.Ranges;
import dev.baton.cli.option.StoreRanges;
import dev.baton.migrate.precopy.OnLimit;
import dev.baton.store.live.RunDirectory;
import dev.baton.store.live.StoreControl;
import dev.baton.store.live.StoreProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code baton store live-update}: starts a new store process at a release, has the running store
 * migrate into it (pre-copy while serving, then switchover), and leaves the new process serving the
 * same port. If anything fails before the new process takes over, the new process is stopped and
 * the old one serves on.
 */
@Command(name = "live-update",
        description = {"Live-update a running store (started by `baton store serve`) to a new process at a release: "
                + "the new process binds the same port, the old one hands over its tree, connections, watches, "
                + "transactions and queued events, then exits. Clients reconnect with their connection id.",
            "The new process's output (and the dump of --format xenstore) go to a run directory, which is printed.",
            "Exit 0 when the new process serves; 1 when the update failed (the new process is stopped; the old one "
                    + "serves on); 2 for a usage error, a control socket that cannot be reached or a run directory that "
                    + "cannot be made."})
final class StoreLiveUpdateCommand implements Callable<Integer> {

    @Option(names = "--control", required = true, paramLabel = "SOCKET",
            description = "The running store's control socket (printed by `baton store serve`).")
    Path control;

    @Option(names = "--port", paramLabel = "PORT", converter = Ranges.Port.class,
            description = "The port the running store serves; optional: when given, checked against what the store "
                    + "says.")
    Integer port;

    @Option(names = "--to-release", paramLabel = "1.0|2.0", defaultValue = "2.0",
            converter = StoreRanges.Release.class,
            description = "The release of the new process (default: ${DEFAULT-VALUE}); 1.0 is a rollback, written "
                    + "for the 1.0 profile.")
    String release;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Where the new process's output and the dump go (default: $XDG_RUNTIME_DIR/baton-store/PORT, "
                    + "or baton-store-USER/PORT in the temporary folder; made private, 0700).")
    Path runDir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            converter = StoreRanges.TimeoutSeconds.class,
            description = "Give up on a step that takes longer (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    /** The formats a live update can carry the state in. */
    enum Format { baton, xenstore }

    @Option(names = "--format", paramLabel = "baton|xenstore", defaultValue = "baton",
            description = {"baton (default): a migration session, pre-copy while serving, everything moves.",
                "xenstore: the store pauses, dumps itself as a xenstore migration stream, and the new process starts "
                    + "from that file: nodes, permissions and quotas move; clients start new sessions."})
    Format format;

    @Option(names = "--json", description = "Print one JSON object saying what moved where (docs/CLI.md).")
    boolean json;

    @Option(names = "--rehearse", description = "Rehearse the update: the new process loads the whole state, checks"
            + " it, reports per section and exits; the running store serves throughout, never paused (exit 0 when the"
            + " rehearsal passed, 1 when not). With --format baton.")
    boolean rehearse;

    /** The new process loads the migration through these; with --format baton only. */
    @Mixin
    QuirksOption quirksOption;

    /** What the old process does if its pre-copy does not converge; with --format baton only. */
    @Mixin
    OnLimitOption onLimit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        QuirksOption.Read quirks = null;
        if (quirksOption.given()) {
            if (format == Format.xenstore) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--quirks applies to --format baton: a "
                        + "xenstore dump has no section versions to correct");
            }
            try {
                quirks = quirksOption.read(); // a bad file fails before anything starts
            } catch (BadInputException e) {
                return CommandError.print(spec, e.getMessage(), ErrorHandler.BAD_INPUT);
            } catch (IOException e) {
                return CommandError.print(spec, ErrorHandler.describe(e), ErrorHandler.USAGE_OR_IO);
            }
        }
        if (format == Format.xenstore && onLimit.policy() != OnLimit.SWITCHOVER) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--on-limit applies to --format baton: a "
                    + "xenstore dump has no pre-copy");
        }
        if (rehearse && format == Format.xenstore) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rehearse applies to --format baton: a"
                    + " xenstore dump is taken with the store paused");
        }
        StoreControl store = StoreControl.at(control);
        StoreControl.Info running;
        try {
            running = store.info(timeout);
        } catch (IOException e) { // nothing to ask, or not a store: nothing refused anything (exit 2, as stop)
            return CommandError.print(spec, "live update failed: " + e.getMessage(), ErrorHandler.USAGE_OR_IO);
        }
        if (port != null && port != running.port()) {
            return CommandError.print(spec, "--port " + port + " is not the store's port: the store on control socket "
                    + control + " serves port " + running.port(), ErrorHandler.USAGE_OR_IO);
        }
        if (!rehearse && !running.reusePort()) {
            // a new process could not bind the port beside it: say so before one is started
            return CommandError.print(spec, "live update failed: the store on control socket " + control
                    + " (process " + running.pid() + ") was started without --reuse-port: no new process can bind port "
                    + running.port() + " beside it; nothing was started, it serves on", ErrorHandler.BAD_INPUT);
        }
        RunDirectory dir;
        RunDirectory.Update files;
        try {
            dir = RunDirectory.open(runDir != null ? runDir : RunDirectory.defaultFor(running.port()));
            files = dir.next();
            if (quirks != null) {
                dir.write(files.quirks(), quirks.text());
            }
        } catch (IOException e) {
            return CommandError.print(spec, e.getMessage(), ErrorHandler.USAGE_OR_IO);
        }
        ObjectNode o = JsonOutput.object().put("from", running.release()).put("to", release).put("format", format.name())
                .put("oldPid", running.pid());
        String headline;
        StoreProcess next;
        long start = System.nanoTime();
        if (rehearse) {
            return StoreRehearsal.run(spec, store, running, release, dir, files, quirks != null ? files.quirks() : null,
                    timeout, json, o);
        }
        if (format == Format.xenstore) {
            StoreProcess.XenstoreUpdate u;
            try {
                u = StoreProcess.liveUpdateThroughXenstore(store, running, release, files.dump(), files.log(), timeout);
            } catch (IOException e) {
                return CommandError.print(spec, "live update failed: " + e.getMessage(), ErrorHandler.BAD_INPUT);
            }
            next = u.next();
            long octets = size(files.dump());
            double millis = (System.nanoTime() - start) / 1e6;
            o.put("nodes", u.nodes()).put("dumpOctets", octets).put("totalMillis", Math.round(millis * 10) / 10.0);
            headline = String.format(Locale.ROOT, "live update %s -> %s through a xenstore dump: %d nodes, %d octets, "
                    + "%.0f ms", running.release(), release, u.nodes(), octets, millis);
        } else {
            next = null;
            StoreProcess.Result r;
            try (LiveUpdateBar bar = new LiveUpdateBar()) {
                next = StoreProcess.takeoverDetached(store, running, release, files.log(), quirks != null ? files.quirks()
                        : null, timeout);
                r = StoreProcess.liveUpdate(store, next, onLimit.policy(), timeout, bar);
            } catch (IOException e) {
                r = new StoreProcess.Result(false, e.getMessage(), 0, 0, 0, 0, "", 0);
            }
            if (!r.ok()) {
                // whatever went wrong, the new process must not outlive the command (it would wait for a
                // migration that never comes)
                String stopped = "";
                if (next != null) {
                    next.close();
                    stopped = "; the new process (" + next.process().pid() + ") is stopped";
                }
                return CommandError.print(spec, "live update failed: " + r.message() + stopped,
                        ErrorHandler.BAD_INPUT);
            }
            LiveUpdateSummary.json(o, r);
            headline = "live update " + running.release() + " -> " + release + ": " + LiveUpdateSummary.text(r);
            if (quirks != null) {
                next.quirksApplied().forEach(o.putArray("quirks")::add);
            }
        }
        o.put("pid", next.process().pid()).put("host", running.host()).put("port", running.port())
                .put("control", next.control().toString()).put("runDir", dir.path().toString())
                .put("log", files.log().toString());
        if (format == Format.xenstore) {
            o.put("dump", files.dump().toString());
        }
        if (quirks != null) {
            o.put("quirksFile", files.quirks().toString());
        }
        if (json) {
            JsonOutput.print(o);
            return 0;
        }
        System.out.println(headline);
        if (quirks != null) {
            o.get("quirks").forEach(q -> Lines.println(System.out, q.asText(), 4));
        }
        System.out.printf(Locale.ROOT, "process %d serves %s:%d%s%n", next.process().pid(), running.host(),
                running.port(), o.has("profile") ? "; stream profile " + o.get("profile").asText() : "");
        // a line of its own: a socket path under the state directory is long, and lines fit 100 columns
        System.out.println("control " + next.control());
        System.out.println("run directory " + dir.path());
        String log = files.log().getFileName().toString();
        String dump = files.dump().getFileName().toString();
        String quirksFile = files.quirks().getFileName().toString();
        int width = format == Format.xenstore ? Math.max(log.length(), dump.length())
                : quirks != null ? Math.max(log.length(), quirksFile.length()) : log.length();
        System.out.printf(Locale.ROOT, "  %-" + width + "s  the new process's output%n", log);
        if (format == Format.xenstore) {
            System.out.printf(Locale.ROOT, "  %-" + width + "s  the dump it started from%n", dump);
        }
        if (quirks != null) {
            System.out.printf(Locale.ROOT, "  %-" + width + "s  the quirks it loaded the stream with%n", quirksFile);
        }
        return 0;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
