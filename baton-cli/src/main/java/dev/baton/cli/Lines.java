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

    /** Prints {@code line} on {@code out}, wrapped as {@link #wrap} does. */
    public static void println(PrintStream out, String line, int indent) {
        out.println(wrap(line, indent));
    }
}
