package dev.baton.cli.store;

import dev.baton.cli.ErrorHandler;
import dev.baton.cli.VersionProvider;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton store load --control C FILE}: seeds a running store, which has no nodes yet, from a xenstore dump. */
@Command(name = "load", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Seed a running store (started by `baton store serve`, holding the root alone) from FILE, a "
                + "xenstore migration stream: its committed nodes with their permissions, and the quotas the store "
                + "knows. Connections, watches and transactions in it are skipped (docs/STORE.md).",
            "All or nothing. Exit 0 when loaded; 1 when refused (the reason names the node or record)."})
final class StoreLoadCommand implements Callable<Integer> {

    @Option(names = "--control", required = true, paramLabel = "PORT",
            description = "The running store's control port (printed by `baton store serve`).")
    int control;

    @Parameters(paramLabel = "FILE", description = "The xenstore dump (as the store process sees paths).")
    Path file;

    @Override
    public Integer call() throws Exception {
        String nodes = ControlRequest.send("baton store load", control, "LOAD_XENSTORE " + file.toAbsolutePath());
        if (nodes == null) {
            return ErrorHandler.BAD_INPUT;
        }
        System.out.println("loaded " + nodes + " nodes from " + file);
        return 0;
    }
}
