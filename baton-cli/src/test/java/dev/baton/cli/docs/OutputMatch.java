package dev.baton.cli.docs;

import dev.baton.cli.Lines;
import dev.baton.cli.docs.ConsoleBlock.Expected;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Compares a command's expected lines with the lines a run printed: line by line after trailing
 * spaces are trimmed, report lines that {@link Lines} wrapped are joined again on both sides, and
 * {@link Variance} has replaced what may vary, a line {@code ...} matching any number of lines. A
 * match also says which run value stands for which document value.
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

    /** The most lines one report line may be wrapped into that a match joins again. */
    static final int MOST_WRAPPED = 8;

    /**
     * Matches {@code expected} against {@code actual}. {@code known} holds the bindings the
     * document made so far: a document value seen again must stand for the same run value.
     *
     * <p>A report line wrapped to 100 columns ({@link Lines#wrap}) is compared whole: a line and
     * the lines that continue it ({@link Lines#continues}) may match the run's line and its
     * continuation lines when their words are the same, so a value of another width that moves
     * the break is no difference. Lines are also matched one by one, so a line taken for a
     * continuation that is none (a listing's next line) still matches.
     */
    static Result match(List<Expected> expected, List<String> actual, boolean numbersVary, Map<String, String> known) {
        int m = expected.size();
        int n = actual.size();
        List<String> shown = expected.stream().map(Expected::text).toList();
        // e[i][k]: expected lines i to i + k joined and normalised, null where they are no wrapped line
        Variance.Normalised[][] e = joined(shown, numbersVary, i -> expected.get(i).isEllipsis());
        Variance.Normalised[][] a = joined(actual, numbersVary, j -> false);
        // reach[i][j]: the first i expected lines match the first j actual lines; from[i][j]: how
        boolean[][] reach = new boolean[m + 1][n + 1];
        int[][] from = new int[m + 1][n + 1];
        reach[0][0] = true;
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= n; j++) {
                if (!reach[i][j]) {
                    continue;
                }
                if (i > 0 && expected.get(i - 1).isEllipsis() && j < n && !reach[i][j + 1]) {
                    reach[i][j + 1] = true;            // the ... just matched takes one more line
                    from[i][j + 1] = ELLIPSIS_MORE;
                }
                if (i < m && expected.get(i).isEllipsis()) {
                    if (!reach[i + 1][j]) {
                        reach[i + 1][j] = true;        // a ... matches no line yet
                        from[i + 1][j] = ELLIPSIS_NONE;
                    }
                    continue;
                }
                for (int x = 0; i < m && x < MOST_WRAPPED && e[i][x] != null; x++) {
                    for (int y = 0; j < n && y < MOST_WRAPPED && a[j][y] != null; y++) {
                        if (!reach[i + x + 1][j + y + 1] && e[i][x].text().equals(a[j][y].text())) {
                            reach[i + x + 1][j + y + 1] = true;
                            from[i + x + 1][j + y + 1] = (x + 1) * LINES + y + 1;
                        }
                    }
                }
            }
        }
        if (!reach[m][n]) {
            return new Result(false, Map.of(), mismatch(expected, actual, reach));
        }
        // walk back along one alignment, pairing the values of the lines it matched
        List<int[]> pairs = new ArrayList<>(); // expected line, lines joined after it, actual the same
        int i = m;
        int j = n;
        while (i > 0 || j > 0) {
            int how = from[i][j];
            if (how == ELLIPSIS_MORE) {
                j--;
            } else if (how == ELLIPSIS_NONE) {
                i--;
            } else {
                int x = how / LINES;
                int y = how % LINES;
                i -= x;
                j -= y;
                pairs.add(0, new int[] {i, x - 1, j, y - 1});
            }
        }
        Map<String, String> bindings = new LinkedHashMap<>();
        for (int[] p : pairs) {
            List<Variance.Value> ev = e[p[0]][p[1]].values();
            List<Variance.Value> av = a[p[2]][p[3]].values();
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
                            + " here:\n  expected: " + expected.get(p[0]).text() + "\n  actual:   " + actual.get(p[2]));
                }
                bindings.put(doc, run);
            }
        }
        return new Result(true, bindings, "");
    }

    /** How {@code from} says a ... matched: one more line, or none (yet). */
    private static final int ELLIPSIS_MORE = -1;
    private static final int ELLIPSIS_NONE = -2;
    /** How {@code from} codes x expected lines matched with y actual ones: {@code x * LINES + y}. */
    private static final int LINES = MOST_WRAPPED + 1;

    /**
     * For each line, itself and the wrapped line it makes with the lines that continue it, each
     * normalised: {@code [i][k]} is lines {@code i} to {@code i + k} joined, null where a line
     * after {@code i} does not continue the one before it, or {@code none} says a line is no text.
     */
    private static Variance.Normalised[][] joined(List<String> lines, boolean numbersVary, IntPredicate none) {
        Variance.Normalised[][] joined = new Variance.Normalised[lines.size()][MOST_WRAPPED];
        for (int i = 0; i < lines.size(); i++) {
            if (none.test(i)) {
                continue;
            }
            StringBuilder text = new StringBuilder(lines.get(i).stripTrailing());
            joined[i][0] = Variance.normalise(text.toString(), numbersVary);
            for (int k = 1; k < MOST_WRAPPED && i + k < lines.size(); k++) {
                if (none.test(i + k) || !Lines.continues(lines.get(i + k - 1), lines.get(i + k))) {
                    break;
                }
                text.append(' ').append(lines.get(i + k).strip());
                joined[i][k] = Variance.normalise(text.toString(), numbersVary);
            }
        }
        return joined;
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
