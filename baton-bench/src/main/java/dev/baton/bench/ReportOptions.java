package dev.baton.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of a {@code bin/bench} report ({@code --name VALUE} pairs), read the one way for
 * every report: a bad one is said in one line that names the report and the option, and the
 * process exits with 2, as the CLI does for a usage error, instead of dying in a stack trace.
 *
 * <p>{@link #parseOrExit} is what a report's {@code main} calls; {@link #parse} throws
 * {@link BadOption} instead, for tests.
 */
final class ReportOptions {
    /** A usage error in a report's options: its message is the one line a user sees. */
    static final class BadOption extends IllegalArgumentException {
        BadOption(String message) {
            super(message);
        }
    }

    private final String report;
    private final Map<String, String> values;
    private final boolean exitOnError;

    private ReportOptions(String report, Map<String, String> values, boolean exitOnError) {
        this.report = report;
        this.values = values;
        this.exitOnError = exitOnError;
    }

    /**
     * Reads {@code args} of the report {@code report} (its name in {@code bin/bench}), whose options
     * are {@code options}, each written as its usage says, e.g. {@code "--nodes N"}.
     *
     * @throws BadOption for an option not among them, one without its value, or one given twice
     */
    static ReportOptions parse(String report, String[] args, String... options) {
        return parse(report, args, false, options);
    }

    /** {@link #parse}, except that a bad option, or a bad value read later, ends the process with exit code 2. */
    static ReportOptions parseOrExit(String report, String[] args, String... options) {
        return parse(report, args, true, options);
    }

    private static ReportOptions parse(String report, String[] args, boolean exitOnError, String... options) {
        String usage = "use " + String.join(", ", options);
        List<String> names = java.util.Arrays.stream(options).map(o -> o.split(" ", 2)[0]).toList();
        Map<String, String> values = new HashMap<>();
        ReportOptions read = new ReportOptions(report, values, exitOnError);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!names.contains(name)) {
                throw read.fail("unknown option " + name + " (" + usage + ")");
            }
            if (i + 1 == args.length) {
                throw read.fail(name + " needs a value (" + usage + ")");
            }
            if (values.put(name, args[++i]) != null) {
                throw read.fail(name + " is given twice");
            }
        }
        return read;
    }

    /** The whole number above 0 given for {@code name}, or {@code otherwise}. */
    int count(String name, int otherwise) {
        String v = values.get(name);
        return v == null ? otherwise : (int) positive(name, v, Integer.MAX_VALUE);
    }

    /** The whole number above 0 given for {@code name}, or {@code otherwise}. */
    long countLong(String name, long otherwise) {
        String v = values.get(name);
        return v == null ? otherwise : positive(name, v, Long.MAX_VALUE);
    }

    /** The comma-separated whole numbers above 0 given for {@code name}, or {@code otherwise}. */
    int[] counts(String name, int[] otherwise) {
        String v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        String[] parts = v.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (int) positive(name, parts[i], Integer.MAX_VALUE);
        }
        return out;
    }

    /** The value given for {@code name}, which must be one of {@code allowed}, or {@code otherwise}. */
    String oneOf(String name, String otherwise, String... allowed) {
        String v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        if (!List.of(allowed).contains(v)) {
            throw fail(name + ": " + v + " is not one of " + String.join(", ", allowed));
        }
        return v;
    }

    private long positive(String name, String v, long max) {
        try {
            long n = Long.parseLong(v.trim());
            if (n > 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below, as a value out of range is
        }
        throw fail(name + ": " + v + " is not a whole number from 1 to " + max);
    }

    private BadOption fail(String message) {
        String line = "bench " + report + ": " + message;
        if (exitOnError) {
            System.err.println(line);
            System.exit(2);
        }
        return new BadOption(line);
    }
}
