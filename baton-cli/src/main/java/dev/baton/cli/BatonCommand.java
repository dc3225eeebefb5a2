package dev.baton.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code baton} command. Thin by design: each subcommand parses its arguments and calls the
 * library; what a library user would also want lives in the modules, not here.
 *
 * <p>Exit codes, for every subcommand: 0 success, 1 the input is bad (not a valid stream, or a
 * check failed), 2 usage or I/O error.
 */
@Command(name = "baton",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Versioned state-migration streams: write, inspect and verify them; print state descriptions.",
        subcommands = {
            DemoCommand.class,
            SampleCommand.class,
            InspectCommand.class,
            VerifyCommand.class,
            SchemaCommand.class,
            CheckCommand.class,
            dev.baton.cli.xen.XenCommand.class, dev.baton.cli.migrate.MigrateCommand.class,
            dev.baton.cli.qemu.QemuCommand.class,
            dev.baton.cli.store.StoreCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 success, 1 bad input or failed check, 2 usage or I/O error."})
public final class BatonCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; used by main and by tests. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BatonCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
