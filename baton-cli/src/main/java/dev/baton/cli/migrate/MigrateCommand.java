package dev.baton.cli.migrate;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code baton migrate}: live migration of an application that exposes its state through
 * {@code dev.baton.migrate.MigratableApplication} (docs/MIGRATION.md). Thin: the sessions,
 * transports and pre-copy live in baton-migrate.
 */
@Command(name = "migrate",
        description = {"Live migration: send a running application's state to a target, or receive it.",
            "The application is found through java.util.ServiceLoader (dev.baton.migrate.MigratableApplication); "
                    + "the baton jar brings one, baton-sample, to try it."},
        subcommands = {SendCommand.class, ReceiveCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 migrated, 1 the migration failed or was refused (the source resumed with its state,"
                + " the target discarded what it loaded), 2 usage or I/O error."})
public final class MigrateCommand implements Runnable {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE_OR_IO = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
