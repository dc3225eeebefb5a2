package dev.baton.cli.store;

import dev.baton.cli.VersionProvider;
import dev.baton.cli.option.Ranges;
import dev.baton.store.server.StoreMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton store serve}: a store in the foreground, ready to be live-updated. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Serve a store on a TCP port (with SO_REUSEPORT, so that a new process can take it over) and a "
                + "control port that accepts LIVE_UPDATE from `baton store live-update`.",
            "Runs until stopped or live-updated away."})
final class StoreServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0", converter = Ranges.PortOrAny.class, description = "Store port (0: any free one).")
    int port;

    @Option(names = "--control", paramLabel = "PORT", defaultValue = "0", converter = Ranges.PortOrAny.class,
            description = "Control port on 127.0.0.1 (0: any free one; the chosen port is printed).")
    int control;

    @Option(names = "--release", paramLabel = "1.0|2.0", defaultValue = "2.0",
            description = "The store release to run (default: ${DEFAULT-VALUE}).")
    String release;

    @Option(names = "--seed", paramLabel = "FILE",
            description = "Start from this xenstore migration stream (a dump of xenstored, or of `baton store dump`).")
    java.nio.file.Path seed;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--release", release,
                "--reuse-port", "--control", Integer.toString(control)));
        if (seed != null) {
            args.add("--seed");
            args.add(seed.toString());
        }
        StoreMain.main(args.toArray(String[]::new));
        return 0;
    }
}
