package dev.baton.cli.store;

import dev.baton.cli.JsonOutput;
import dev.baton.store.live.StoreControl;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton store load --control SOCKET FILE}: seeds a running store, which has no nodes yet, from a xenstore dump. */
@Command(name = "load",
        description = {"Seed a running store (started by `baton store serve`, holding the root alone) from FILE, a "
                + "xenstore migration stream: its committed nodes with their permissions, and the quotas the store "
                + "knows. Connections, watches and transactions in it are skipped (docs/STORE.md).",
            "All or nothing. Exit 0 when loaded; 1 when refused (the reason names the node or record); 2 when FILE "
                    + "cannot be read or the control socket cannot be reached."})
final class StoreLoadCommand implements Callable<Integer> {

    @Option(names = "--control", required = true, paramLabel = "SOCKET",
            description = "The running store's control socket (printed by `baton store serve`).")
    Path control;

    @Option(names = "--json", description = "Print one JSON object saying what was loaded (docs/CLI.md).")
    boolean json;

    @Parameters(paramLabel = "FILE", description = "The xenstore dump (this command copies it into the store's state directory for the store to read).")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        StoreControl.Reply r = ControlRequest.load(control, file);
        if (!r.ok()) {
            return ControlRequest.refused(spec, r);
        }
        long nodes = Long.parseLong(r.text());
        if (json) {
            JsonOutput.print(JsonOutput.object().put("file", file.toString()).put("nodes", nodes));
        } else {
            System.out.println("loaded " + nodes + " nodes from " + file);
        }
        return 0;
    }
}
