package dev.baton.cli.store;

import dev.baton.cli.ErrorHandler;
import dev.baton.cli.VersionProvider;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton store dump --control C --format xenstore FILE}: a running store's state as a xenstore dump. */
@Command(name = "dump", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Write a running store's state (started by `baton store serve`) to FILE as a xenstore "
                + "migration stream, version 2, little-endian: quotas, the connections that hold watches, the watches, "
                + "every committed node with its permissions, per-domain quotas (docs/STORE.md).",
            "The store serves on. Exit 0 when written; 1 when the store cannot be written in that format (a value "
                    + "over 65535 octets: the node is named)."})
final class StoreDumpCommand implements Callable<Integer> {

    @Option(names = "--control", required = true, paramLabel = "PORT",
            description = "The running store's control port (printed by `baton store serve`).")
    int control;

    @Option(names = "--format", paramLabel = "xenstore", defaultValue = "xenstore",
            description = "The format of the dump: xenstore (the only one).")
    String format;

    @Parameters(paramLabel = "FILE", description = "Where to write the dump (as the store process sees paths).")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("xenstore")) {
            System.err.println("baton store dump: unknown format '" + format + "' (known: xenstore)");
            return ErrorHandler.USAGE_OR_IO;
        }
        String nodes = ControlRequest.send("baton store dump", control, "DUMP_XENSTORE " + file.toAbsolutePath());
        if (nodes == null) {
            return ErrorHandler.BAD_INPUT;
        }
        System.out.println("dumped " + nodes + " nodes to " + file + " (xenstore migration stream, version 2)");
        return 0;
    }
}
