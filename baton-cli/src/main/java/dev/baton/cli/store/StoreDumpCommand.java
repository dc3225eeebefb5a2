package dev.baton.cli.store;

import dev.baton.cli.JsonOutput;
import dev.baton.store.live.StoreControl;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton store dump --control SOCKET --format xenstore FILE}: a running store's state as a xenstore dump. */
@Command(name = "dump",
        description = {"Write a running store's state (started by `baton store serve`) to FILE as a xenstore "
                + "migration stream, version 2, little-endian: quotas, the connections that hold watches, the watches, "
                + "every committed node with its permissions, per-domain quotas (docs/STORE.md).",
            "The store serves on. Exit 0 when written; 1 when the store cannot be written in that format (a value "
                    + "over 65535 octets: the node is named); 2 when FILE cannot be written or the control socket "
                    + "cannot be reached."})
final class StoreDumpCommand implements Callable<Integer> {

    @Option(names = "--control", required = true, paramLabel = "SOCKET",
            description = "The running store's control socket (printed by `baton store serve`).")
    Path control;

    /** The formats a dump can be written in. */
    enum Format { xenstore }

    @Option(names = "--format", paramLabel = "xenstore", defaultValue = "xenstore",
            description = "The format of the dump: xenstore (the only one).")
    Format format;

    @Option(names = "--json", description = "Print one JSON object saying what was written (docs/CLI.md).")
    boolean json;

    @Parameters(paramLabel = "FILE", description = "Where to write the dump (the store writes it in its state directory, this command moves it here).")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        StoreControl.Reply r = ControlRequest.dump(control, file);
        if (!r.ok()) {
            return ControlRequest.refused(spec, r);
        }
        long nodes = Long.parseLong(r.text());
        if (json) {
            JsonOutput.print(JsonOutput.object().put("file", file.toString()).put("format", "xenstore").put("version", 2)
                    .put("nodes", nodes));
        } else {
            System.out.println("dumped " + nodes + " nodes to " + file + " (xenstore migration stream, version 2)");
        }
        return 0;
    }
}
