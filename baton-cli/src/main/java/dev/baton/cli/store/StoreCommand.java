package dev.baton.cli.store;

import dev.baton.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code baton store}: run the reference store, and live-update a running one (docs/STORE.md). */
@Command(name = "store", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run the reference xenstore-style store, and live-update a running one to a new process.",
        subcommands = {StoreServeCommand.class, StoreLiveUpdateCommand.class, CommandLine.HelpCommand.class})
public final class StoreCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
