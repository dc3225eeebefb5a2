package dev.baton.cli.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may differ between a document's output and a run's: the short list of CONTRIBUTING.md
 * ("The docs test"). Each rule replaces its values with a placeholder on both sides before they
 * are compared. Values of the substituted rules (ports, process ids, temporary paths, digests) are
 * also remembered: the run's value replaces the document's in the document's later commands, and
 * must be the same wherever the document shows the same value again.
 */
final class Variance {

    /** A rule: its placeholder name, its pattern, the group that is the value, and whether it is substituted. */
    record Rule(String name, Pattern pattern, int group, boolean substituted) {
    }

    /** A value a rule found. */
    record Value(Rule rule, String text) {
    }

    /** A line with its varying values replaced, and those values in order. */
    record Normalised(String text, List<Value> values) {
    }

    /** The name of the rules that find process ids: the processes a document's run leaves to stop. */
    static final String PID = "pid";

    /** In the order they apply: a value one rule took is a placeholder the later ones do not see. */
    static final List<Rule> RULES = List.of(
            rule("timestamp", "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(?::\\d\\d(?:\\.\\d+)?)?(?:Z|[+-]\\d\\d:\\d\\d)?", 0, false),
            // java.util.logging's default format, in an English locale: "Dec 06, 2026 7:32:12 PM"
            rule("timestamp", "\\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d\\d, \\d{4} "
                    + "\\d{1,2}:\\d\\d:\\d\\d [AP]M\\b", 0, false),
            // in /tmp, or in a user's runtime directory ($XDG_RUNTIME_DIR)
            rule("temp-path", "(?:/tmp|/run/user/\\d+)/[\\w.@+-]+(?:/[\\w.@+-]+)*", 0, true),
            rule("sha256", "\\b[0-9a-f]{64}\\b", 0, true),
            rule("port", "(?:127\\.0\\.0\\.1|localhost|0\\.0\\.0\\.0|\\[::1\\]):(\\d+)", 1, true),
            rule("port", "\\bport (\\d+)", 1, true),
            rule("port", "\"(?:port|control|\\w+Port)\" : (\\d+)", 1, true),
            rule(PID, "\\bprocess (\\d+)", 1, true),
            rule(PID, "\"(?:pid|\\w+Pid)\" : (\\d+)", 1, true),
            rule("rate", "\\d+(?:\\.\\d+)? ?[KMGT]i?B/s", 0, false),
            rule("duration", "\\b\\d+(?:\\.\\d+)? ?(?:ns|ms|s|min)\\b", 0, false),
            rule("duration", "\"\\w+Millis\" : (\\d+(?:\\.\\d+)?)", 1, false),
            rule("clock", "\\b\\d+:\\d\\d:\\d\\d\\b", 0, false));

    /** With {@code <!-- docs-test: numbers vary -->}: every number left after the rules above. */
    static final Rule NUMBER = rule("n", "\\d+(?:\\.\\d+)?", 0, false);

    private Variance() {
    }

    private static Rule rule(String name, String regex, int group, boolean substituted) {
        return new Rule(name, Pattern.compile(regex), group, substituted);
    }

    static Normalised normalise(String line, boolean numbersVary) {
        String text = line.stripTrailing();
        List<Value> values = new ArrayList<>();
        for (Rule r : RULES) {
            text = apply(r, text, values);
        }
        if (numbersVary) {
            text = apply(NUMBER, text, values);
        }
        return new Normalised(text, values);
    }

    private static String apply(Rule r, String text, List<Value> values) {
        Matcher m = r.pattern().matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start(r.group())).append('<').append(r.name()).append('>');
            last = m.end(r.group());
            values.add(new Value(r, m.group(r.group())));
        }
        return out.append(text, last, text.length()).toString();
    }
}
