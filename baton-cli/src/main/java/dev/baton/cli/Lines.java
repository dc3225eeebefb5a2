package dev.baton.cli;

import java.io.PrintStream;

/**
 * The width of what the commands report: every line fits {@link #WIDTH} columns, a longer one
 * going on in continuation lines that are broken between words and indented (for a listing, to
 * its last column). A word longer than a whole line is left whole. The one-line errors on
 * standard error are not reports: they stay one line, whatever their length. Public for the
 * subcommand packages.
 */
public final class Lines {
    /** The columns a report line may take. */
    public static final int WIDTH = 100;

    private Lines() {
    }

    /** {@code line}, broken into lines of at most {@link #WIDTH} columns, later ones indented by {@code indent}. */
    public static String wrap(String line, int indent) {
        if (line.length() <= WIDTH) {
            return line;
        }
        StringBuilder wrapped = new StringBuilder();
        String rest = line.stripTrailing();
        while (rest.length() > WIDTH) {
            // a break goes after the indent: the columns before it are the listing's, not words
            int cut = rest.lastIndexOf(' ', WIDTH);
            if (cut <= indent) {
                cut = rest.indexOf(' ', WIDTH);
                if (cut < 0) {
                    break;
                }
            }
            wrapped.append(rest, 0, cut).append(System.lineSeparator());
            rest = " ".repeat(indent) + rest.substring(cut + 1).stripLeading();
        }
        return wrapped.append(rest).toString();
    }

    /**
     * Whether {@code line}, printed right after {@code before}, is a continuation line that
     * {@link #wrap} made of it: it is indented, and its first word would not have fit on
     * {@code before}. For readers of the reports (the tests) that want the lines a command meant.
     */
    public static boolean continues(String before, String line) {
        String words = line.stripLeading();
        if (!line.startsWith("    ") || words.isEmpty()) {
            return false;
        }
        int firstWord = words.indexOf(' ') < 0 ? words.length() : words.indexOf(' ');
        return before.stripTrailing().length() + 1 + firstWord > WIDTH;
    }

    /** Prints {@code line} on {@code out}, wrapped as {@link #wrap} does. */
    public static void println(PrintStream out, String line, int indent) {
        out.println(wrap(line, indent));
    }
}
