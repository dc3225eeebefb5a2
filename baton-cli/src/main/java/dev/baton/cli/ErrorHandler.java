package dev.baton.cli;

import dev.baton.cli.option.BadInputException;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns an exception escaping a subcommand into one line on standard error and an exit code:
 * 1 for bad input ({@link StreamFormatException}, {@link BadInputException}), 2 for I/O and usage problems. No stack
 * trace reaches the user unless {@code BATON_DEBUG} is set.
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IExitCodeExceptionMapper {
    public static final int BAD_INPUT = 1;
    public static final int USAGE_OR_IO = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
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
