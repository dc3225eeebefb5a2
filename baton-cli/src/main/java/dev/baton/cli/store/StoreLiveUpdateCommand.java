package dev.baton.cli.store;

import dev.baton.cli.ErrorHandler;
import dev.baton.cli.VersionProvider;
import dev.baton.store.live.StoreProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton store live-update}: starts a new store process at a release, has the running store
 * migrate into it (pre-copy while serving, then switchover), and leaves the new process serving the
 * same port. If anything fails before the new process takes over, the old one serves on.
 */
@Command(name = "live-update", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Live-update a running store (started by `baton store serve`) to a new process at a release: "
                + "the new process binds the same port, the old one hands over its tree, connections, watches, "
                + "transactions and queued events, then exits. Clients reconnect with their connection id.",
            "Exit 0 when the new process serves; 1 when the update failed and the old process serves on."})
final class StoreLiveUpdateCommand implements Callable<Integer> {

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "The store port the running store serves.")
    int port;

    @Option(names = "--control", required = true, paramLabel = "PORT",
            description = "The running store's control port (printed by `baton store serve`).")
    int control;

    @Option(names = "--to-release", paramLabel = "1.0|2.0", defaultValue = "2.0",
            description = "The release of the new process (default: ${DEFAULT-VALUE}); 1.0 is a rollback, written "
                    + "for the 1.0 profile.")
    String release;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Where the new process writes its output (default: baton-store-PID.log in the temporary folder).")
    Path log;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Give up after this long.")
    long timeoutSeconds;

    /** The formats a live update can carry the state in. */
    enum Format { baton, xenstore }

    @Option(names = "--format", paramLabel = "baton|xenstore", defaultValue = "baton",
            description = {"baton (default): a migration session, pre-copy while serving, everything moves.",
                "xenstore: the store pauses, dumps itself as a xenstore migration stream, and the new process starts "
                    + "from that file: nodes, permissions and quotas move; clients start new sessions."})
    Format format;

    @Override
    public Integer call() throws Exception {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        Path out = log != null ? log : Files.createTempFile("baton-store-", ".log");
        if (format == Format.xenstore) {
            Path dump = Files.createTempFile("baton-store-", ".xenstore");
            long start = System.nanoTime();
            StoreProcess next;
            try {
                next = StoreProcess.liveUpdateThroughXenstore(port, control, release, dump, out, timeout);
            } catch (java.io.IOException e) {
                System.out.println("live update failed: " + e.getMessage());
                return ErrorHandler.BAD_INPUT;
            }
            System.out.printf(Locale.ROOT, "live update to release %s through a xenstore dump (%d octets, %s): %.0f ms%n",
                    release, Files.size(dump), dump, (System.nanoTime() - start) / 1e6);
            System.out.printf(Locale.ROOT, "process %d serves port %d, control port %d; its output: %s%n",
                    next.process().pid(), port, next.control(), out);
            return 0;
        }
        StoreProcess next = StoreProcess.takeoverDetached(port, release, out, timeout);
        StoreProcess.Result r = StoreProcess.liveUpdate(control, next, timeout);
        if (!r.ok()) {
            next.kill();
            System.out.println("live update failed: " + r.message());
            System.out.println("the old process serves on");
            return ErrorHandler.BAD_INPUT;
        }
        System.out.printf(Locale.ROOT, "live update to release %s: %d nodes, %.1f MB in %d iterations, %.0f ms total, "
                + "downtime %.1f ms (profile %s)%n", release, r.nodes(), r.octets() / 1e6, r.iterations(),
                r.totalMillis(), r.downtimeMillis(), r.profile());
        System.out.printf(Locale.ROOT, "process %d serves port %d, control port %d; its output: %s%n",
                next.process().pid(), port, next.control(), out);
        return 0;
    }
}
