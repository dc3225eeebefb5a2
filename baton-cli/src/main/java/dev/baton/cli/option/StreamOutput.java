package dev.baton.cli.option;

import picocli.CommandLine;

/**
 * An argument naming where a command writes a stream: a file, or {@code -} for standard output
 * ({@code sample}'s FILE, {@code encode}'s, {@code convert}'s and {@code xen convert}'s OUT,
 * {@code migrate send}'s {@code --to}). {@code --json} prints its one document on standard
 * output too, so the two cannot share it: this is the one check of that, a usage error (exit 2)
 * naming the argument.
 */
public final class StreamOutput {
    private StreamOutput() {
    }

    /**
     * Whether the stream goes to standard output; refused when {@code --json} wants it too.
     *
     * @param label   how the command names the argument: {@code FILE}, {@code OUT}, {@code --to}
     * @param instead what the user may name instead: {@code a file}, {@code a file or a target}
     * @throws CommandLine.ParameterException when {@code json} is set and the argument is {@code -}
     */
    public static boolean toStdout(CommandLine.Model.CommandSpec spec, String argument, String label, boolean json,
            String instead) {
        boolean stdout = argument.equals(InputFile.STDIN);
        if (json && stdout) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--json prints on standard output, which "
                    + label + " - takes for the stream: name " + instead);
        }
        return stdout;
    }
}
