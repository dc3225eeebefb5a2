package dev.baton.cli.option;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Reports a command line picocli could not parse (an unknown option, a missing parameter, a value
 * out of range) as one line on standard error, naming the command and the option, with a pointer
 * to {@code --help}; exit code 2. Picocli's default prints the whole usage after the error, which
 * buries the one line that says what was wrong.
 */
public final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    /** The exit code of every usage error. */
    public static final int USAGE = 2;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName();
        PrintWriter err = cl.getErr();
        String message = e.getMessage() == null ? "bad command line" : e.getMessage();
        // picocli starts its messages with a capital ("Unknown option", "Missing required ..."); a
        // word in capitals ("NEW lists no ...") stays as it is
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0))
                && Character.isLowerCase(message.charAt(1))) {
            message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        String suggestion = "";
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            suggestion = "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        }
        err.println(name + ": " + oneLine(message) + suggestion + " (see '" + name + " --help')");
        err.flush();
        return USAGE;
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
