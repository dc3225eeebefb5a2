package dev.baton.cli.docs;

import dev.baton.cli.docs.ConsoleBlock.Expected;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a command's expected lines with the lines a run printed: line by line after trailing
 * spaces are trimmed and {@link Variance} has replaced what may vary, a line {@code ...} matching
 * any number of lines. A match also says which run value stands for which document value.
 */
final class OutputMatch {

    /**
     * The outcome: whether the lines matched; the document's values the run printed differently
     * (document value to run value); and when they did not match, why, for a person to read.
     */
    record Result(boolean matched, Map<String, String> bindings, String why) {
    }

    private OutputMatch() {
    }

    /**
     * Matches {@code expected} against {@code actual}. {@code known} holds the bindings the
     * document made so far: a document value seen again must stand for the same run value.
     */
    static Result match(List<Expected> expected, List<String> actual, boolean numbersVary, Map<String, String> known) {
        int m = expected.size();
        int n = actual.size();
        Variance.Normalised[] e = new Variance.Normalised[m];
        Variance.Normalised[] a = new Variance.Normalised[n];
        for (int i = 0; i < m; i++) {
            e[i] = expected.get(i).isEllipsis() ? null : Variance.normalise(expected.get(i).text(), numbersVary);
        }
        for (int j = 0; j < n; j++) {
            a[j] = Variance.normalise(actual.get(j), numbersVary);
        }
        // reach[i][j]: the first i expected lines match the first j actual lines
        boolean[][] reach = new boolean[m + 1][n + 1];
        reach[0][0] = true;
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= n; j++) {
                if (!reach[i][j]) {
                    continue;
                }
                if (i > 0 && e[i - 1] == null && j < n) {
                    reach[i][j + 1] = true;            // the ... just matched takes one more line
                }
                if (i < m && e[i] == null) {
                    reach[i + 1][j] = true;            // a ... matches no line yet
                } else if (i < m && j < n && e[i].text().equals(a[j].text())) {
                    reach[i + 1][j + 1] = true;
                }
            }
        }
        if (!reach[m][n]) {
            return new Result(false, Map.of(), mismatch(expected, actual, reach));
        }
        // walk back along one alignment, pairing the values of the lines it matched
        List<int[]> pairs = new ArrayList<>();
        int i = m;
        int j = n;
        while (i > 0 || j > 0) {
            if (i > 0 && e[i - 1] == null) {
                if (reach[i - 1][j]) {
                    i--;
                } else {
                    j--;
                }
            } else {
                pairs.add(0, new int[] {i - 1, j - 1});
                i--;
                j--;
            }
        }
        Map<String, String> bindings = new LinkedHashMap<>();
        for (int[] p : pairs) {
            List<Variance.Value> ev = e[p[0]].values();
            List<Variance.Value> av = a[p[1]].values();
            for (int k = 0; k < ev.size(); k++) {
                if (!ev.get(k).rule().substituted()) {
                    continue;
                }
                String doc = ev.get(k).text();
                String run = av.get(k).text();
                String before = bindings.containsKey(doc) ? bindings.get(doc) : known.get(doc);
                if (before != null && !before.equals(run)) {
                    return new Result(false, Map.of(), "line " + expected.get(p[0]).line() + " shows " + doc
                            + " again, which stood for " + before + " in the run, but the run printed " + run
                            + " here:\n  expected: " + expected.get(p[0]).text() + "\n  actual:   " + actual.get(p[1]));
                }
                bindings.put(doc, run);
            }
        }
        return new Result(true, bindings, "");
    }

    /** Where the lines part: the furthest expected line any alignment reached, and the actual line there. */
    private static String mismatch(List<Expected> expected, List<String> actual, boolean[][] reach) {
        int m = expected.size();
        int n = actual.size();
        int far = 0;
        int at = 0;
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= n; j++) {
                if (reach[i][j]) {
                    far = i;
                    at = j;
                    break;
                }
            }
        }
        StringBuilder why = new StringBuilder();
        if (far < m) {
            why.append("line ").append(expected.get(far).line()).append(" of the document does not match:\n")
                    .append("  expected: ").append(expected.get(far).text()).append('\n')
                    .append("  actual:   ").append(at < n ? actual.get(at) : "(no more output)").append('\n');
        } else {
            why.append("the run printed more lines than the document shows, from:\n  actual:   ")
                    .append(actual.get(at)).append('\n');
        }
        why.append("--- expected (the document)\n");
        expected.forEach(x -> why.append("  ").append(x.text()).append('\n'));
        why.append("--- actual (the run)\n");
        actual.forEach(x -> why.append("  ").append(x).append('\n'));
        return why.toString();
    }
}
