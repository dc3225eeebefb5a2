package dev.baton.cli.store;

import dev.baton.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code baton store}: run the reference store, use it, and live-update a running one (docs/STORE.md). */
@Command(name = "store", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run the reference xenstore-style store, read and write it, live-update a running one to a new "
                + "process, and dump or seed it in xenstore's migration format (docs/STORE.md).",
        subcommands = {StoreServeCommand.class, StoreGetCommand.class, StoreSetCommand.class, StoreLsCommand.class,
            StoreRmCommand.class, StoreWatchCommand.class, StoreLiveUpdateCommand.class, StoreDumpCommand.class,
            StoreLoadCommand.class, StoreStopCommand.class, CommandLine.HelpCommand.class})
public final class StoreCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
