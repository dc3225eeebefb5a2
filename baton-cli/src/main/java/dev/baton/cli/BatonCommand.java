package dev.baton.cli;

import java.util.List;
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
        description = "Versioned state-migration streams: write, inspect and verify them; print state descriptions.",
        footer = {"", "Exit codes: 0 success, 1 bad input or failed check, 2 usage or I/O error."})
public final class BatonCommand implements Runnable {

    /** A subcommand of {@code baton}: the name its first argument gives, and its class. */
    record Subcommand(String name, Class<?> type) {
        /**
         * The subcommands, in the order help lists them; {@code help} comes last. They are added
         * in {@link BatonCommand#commandLine} rather than declared in the annotation, so that a run builds
         * only the one it names (see there). Each is named here as its {@code @Command} names it
         * ({@code BatonCommandTest} checks), so that finding the named one reads no other
         * command's annotation, which would load every command class of the tree; and they are
         * here rather than in {@code BatonCommand}, so that {@code --version} loads none.
         */
        static final List<Subcommand> ALL = List.of(
                new Subcommand("demo", DemoCommand.class),
                new Subcommand("sample", SampleCommand.class),
                new Subcommand("inspect", InspectCommand.class),
                new Subcommand("verify", VerifyCommand.class),
                new Subcommand("decode", DecodeCommand.class),
                new Subcommand("encode", EncodeCommand.class),
                new Subcommand("schema", SchemaCommand.class),
                new Subcommand("check", CheckCommand.class),
                new Subcommand("convert", ConvertCommand.class),
                new Subcommand("xen", dev.baton.cli.xen.XenCommand.class),
                new Subcommand("migrate", dev.baton.cli.migrate.MigrateCommand.class),
                new Subcommand("qemu", dev.baton.cli.qemu.QemuCommand.class),
                new Subcommand("store", dev.baton.cli.store.StoreCommand.class));
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; used by main and by tests. */
    public static int run(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // What picocli would print for them, without building picocli's model of the command
            // (most of a short run's start: docs/PERFORMANCE.md, Start-up).
            VersionProvider.print(System.out);
            return 0;
        }
        return commandLine(args).execute(args);
    }

    /**
     * The command line for {@code args}. Picocli reflects over every command it is given, which
     * takes most of a short run's start (docs/PERFORMANCE.md, Start-up); so when the first
     * argument names a subcommand, only that one is built (and not {@code help}, which only a
     * first argument can name). Anything else ({@code --help}, {@code help}, no argument, a typo)
     * gets the whole tree. Help, suggestions and errors read the same either way: once a
     * subcommand is named, picocli's help and errors speak of it alone.
     */
    static CommandLine commandLine(String... args) {
        // Picocli registers converters for java.sql and java.time types by reflection at every
        // start (some 5 ms); no Baton option has such a type.
        System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        CommandLine cl = new CommandLine(new BatonCommand());
        // Loops, not lambdas, in this method and standardOptions: a lambda that takes a picocli
        // type is spun at every start, outside the AOT cache (docs/PERFORMANCE.md, QEMU streams).
        Subcommand named = null;
        for (Subcommand c : Subcommand.ALL) {
            if (args.length > 0 && c.name().equals(args[0])) {
                named = c;
            }
        }
        for (Subcommand c : named == null ? Subcommand.ALL : List.of(named)) {
            cl.addSubcommand(c.type());
        }
        if (named == null) {
            // picocli's help command is reached only as the first argument
            cl.addSubcommand(new CommandLine.HelpCommand());
        }
        standardOptions(cl, new VersionProvider());
        // after the subcommands: picocli hands these settings only to subcommands already added
        ErrorHandler errors = new ErrorHandler();
        cl.setExecutionExceptionHandler(errors);
        cl.setExitCodeExceptionMapper(errors);
        cl.setExecutionStrategy(errors);
        cl.setParameterExceptionHandler(new dev.baton.cli.option.UsageErrorHandler());
        return cl;
    }

    /**
     * Gives every command of the tree {@code -h, --help} and {@code -V, --version}, and one
     * version text: here, once, so that no command can miss them. A command that declares one of
     * them itself (picocli's {@code help} declares {@code --help}) keeps its own.
     */
    private static void standardOptions(CommandLine cl, CommandLine.IVersionProvider version) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        spec.versionProvider(version);
        if (spec.findOption("--help") == null) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class)
                    .description("Show this help message and exit.").build());
        }
        if (spec.findOption("--version") == null) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-V", "--version").versionHelp(true)
                    .type(boolean.class).description("Print version information and exit.").build());
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            standardOptions(sub, version);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
