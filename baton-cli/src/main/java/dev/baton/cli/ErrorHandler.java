package dev.baton.cli;

import dev.baton.cli.option.BadInputException;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine;

/**
 * Turns an exception escaping a subcommand into one line on standard error and an exit code:
 * 1 for bad input ({@link StreamFormatException}, {@link BadInputException}), 2 for I/O and usage problems, and
 * for a heap too small for the input ({@link OutOfMemoryError}: the input may well be good). No stack
 * trace reaches the user unless {@code BATON_DEBUG} is set.
 *
 * <p>It is also the command line's execution strategy: picocli hands only {@link Exception}s to
 * {@link #handleExecutionException}, and lets an {@link Error} escape {@code execute}; so an
 * {@link OutOfMemoryError} of any command is caught here, where the command it ran is still known.
 * Other errors are left to the JVM, which prints them whole: they are bugs.
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IExitCodeExceptionMapper,
        CommandLine.IExecutionStrategy {
    public static final int BAD_INPUT = 1;
    public static final int USAGE_OR_IO = 2;

    private final CommandLine.IExecutionStrategy run = new CommandLine.RunLast();

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        return report(e, cl);
    }

    /**
     * Runs the command the arguments name, as picocli does by default, and reports running out of
     * memory. Picocli lets a help command ({@code baton help}, {@code baton xen help}) ignore
     * arguments it does not know, which would make {@code baton help --bogus} print help, exit 0:
     * those are a usage error here, as they are for every other command.
     */
    @Override
    public int execute(CommandLine.ParseResult parsed) {
        List<CommandLine> commands = parsed.asCommandLineList();
        CommandLine last = commands.get(commands.size() - 1);
        CommandLine.ParseResult lastParsed = parsed;
        while (lastParsed.hasSubcommand()) {
            lastParsed = lastParsed.subcommand();
        }
        if (last.getCommandSpec().helpCommand() && !lastParsed.unmatched().isEmpty()) {
            throw new CommandLine.UnmatchedArgumentException(last, lastParsed.unmatched());
        }
        try {
            return run.execute(parsed);
        } catch (OutOfMemoryError e) {
            // what the command held is unreachable now that its frames are gone: enough to print
            System.out.flush(); // what the command printed before it, then the error
            return report(e, last);
        }
    }

    private static int report(Throwable e, CommandLine cl) {
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + describe(e));
        if (System.getenv("BATON_DEBUG") != null) {
            e.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return exitCode(e);
    }

    /**
     * The exit code of an exception picocli could not hand to {@link #handleExecutionException}.
     * The handler is its own mapper, rather than a method reference: a lambda for one of picocli's
     * interfaces is spun at every start, outside the AOT cache (docs/PERFORMANCE.md, QEMU streams).
     */
    @Override
    public int getExitCode(Throwable exception) {
        return exitCode(exception);
    }

    static int exitCode(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        return t instanceof StreamFormatException || t instanceof BadInputException ? BAD_INPUT : USAGE_OR_IO;
    }

    /**
     * The one line for a problem in a file a command reads, as every such command says it:
     * {@code baton CMD: FILE: what went wrong}, FILE as {@link dev.baton.cli.option.InputFile#name}
     * gives it (as given, or {@code <stdin>}). {@code command} is the command's qualified name.
     */
    public static String inFile(String command, String file, Throwable e) {
        return inFile(command, file, describe(e));
    }

    /** As above, for what went wrong said in words already. */
    public static String inFile(String command, String file, String what) {
        return command + ": " + file + ": " + what;
    }

    /** One line naming what went wrong, in words a user can act on. */
    public static String describe(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof StreamFormatException || t instanceof BadInputException) {
            return t.getMessage();
        }
        if (t instanceof NoSuchFileException n) {
            // a reason says more than the JDK's: "DIR: no such directory (for DIR/OUT)"
            return n.getReason() == null ? "no such file: " + n.getFile() : n.getFile() + ": " + n.getReason();
        }
        if (t instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile() + (a.getReason() == null ? "" : " (" + a.getReason() + ")");
        }
        if (t instanceof IOException) {
            return "I/O error: " + t.getMessage();
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory (raise -Xmx through JAVA_OPTS)";
        }
        return "internal error: " + t + " (set BATON_DEBUG=1 for the stack trace, and please report it)";
    }
}
