package dev.baton.cli.store;

import picocli.CommandLine.Model.CommandSpec;

/** How the store commands end on a failure they expected: one line on standard error, and an exit code. */
final class CommandError {
    private CommandError() {
    }

    /** Prints {@code message} as {@code spec}'s one-line error on standard error; returns {@code code}. */
    static int print(CommandSpec spec, String message, int code) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
        spec.commandLine().getErr().flush();
        return code;
    }
}
