package dev.baton.core.compat;

import dev.baton.core.compat.Finding.Direction;
import dev.baton.core.compat.Finding.Kind;
import dev.baton.core.compat.Finding.Severity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A chain of releases, oldest first, checked as users meet them: every older release's streams
 * loaded by every newer one (a live update, also one that skips releases: QEMU's docs warn of
 * A -> B -> C), and every newer release writing for every older one under that release's profile
 * (a rollback, also over several releases). Each pair is checked by {@link CompatibilityChecker},
 * exactly as {@code baton check OLD NEW} checks it; together they make one matrix.
 */
public final class ReleaseChain {
    /** One release: its name (the profile newer releases write for it under) and its descriptions. */
    public record Release(String name, Schema schema) {
    }

    /**
     * One cell of the matrix: release {@code from} writes, release {@code to} reads.
     *
     * @param profile the release profile {@code from} writes with (a rollback's, {@code to}'s
     *                name), or null for {@code from}'s own versions
     */
    public record Cell(Release from, Release to, Direction direction, String profile, List<Finding> findings) {
        public Cell {
            findings = List.copyOf(findings);
        }

        public long errors() {
            return count(Severity.ERROR);
        }

        public long warnings() {
            return count(Severity.WARNING);
        }

        public long notes() {
            return count(Severity.INFO);
        }

        /** No finding is an error: the streams of this pair load. */
        public boolean compatible() {
            return errors() == 0;
        }

        private long count(Severity s) {
            return findings.stream().filter(f -> f.severity() == s).count();
        }
    }

    private final List<Release> releases;

    /**
     * @param releases two or more releases, oldest first, with distinct names
     * @throws IllegalArgumentException for fewer than two, or two of one name
     */
    public ReleaseChain(List<Release> releases) {
        if (releases.size() < 2) {
            throw new IllegalArgumentException("a chain needs two releases or more, not " + releases.size());
        }
        Set<String> names = new HashSet<>();
        for (Release r : releases) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("two releases are named '" + r.name() + "'");
            }
        }
        this.releases = List.copyOf(releases);
    }

    public List<Release> releases() {
        return releases;
    }

    /**
     * The matrix, row by row (the writing release, oldest first), each row's cells by the reading
     * release: older -> newer checked {@link Direction#FORWARD}, newer -> older
     * {@link Direction#BACKWARD}, each when {@code directions} holds it. A newer release that lists
     * release profiles but none for the older one writes its own versions, with a warning
     * ({@link Kind#PROFILE_MISSING}): it cannot write for that release.
     */
    public List<Cell> check(Set<Direction> directions) {
        List<Cell> cells = new ArrayList<>();
        for (int w = 0; w < releases.size(); w++) {
            for (int r = 0; r < releases.size(); r++) {
                Direction d = w < r ? Direction.FORWARD : Direction.BACKWARD;
                if (w != r && directions.contains(d)) {
                    cells.add(w < r ? forward(releases.get(w), releases.get(r))
                            : backward(releases.get(w), releases.get(r)));
                }
            }
        }
        return cells;
    }

    private static Cell forward(Release older, Release newer) {
        List<Finding> f = new CompatibilityChecker(older.schema(), newer.schema(), null)
                .check(EnumSet.of(Direction.FORWARD));
        return new Cell(older, newer, Direction.FORWARD, null, f);
    }

    private static Cell backward(Release newer, Release older) {
        List<Finding> findings = new ArrayList<>();
        String profile = older.name();
        if (!newer.schema().profiles().containsKey(profile)) {
            if (!newer.schema().profiles().isEmpty()) {
                findings.add(new Finding(Direction.BACKWARD, Severity.WARNING, Kind.PROFILE_MISSING, older.name(),
                        "NEW (" + newer.name() + ") lists no release profile '" + older.name() + "' (it lists "
                                + newer.schema().profiles().keySet() + "): it writes its own versions"));
            }
            profile = null;
        }
        findings.addAll(new CompatibilityChecker(older.schema(), newer.schema(), profile)
                .check(EnumSet.of(Direction.BACKWARD)));
        return new Cell(newer, older, Direction.BACKWARD, profile, findings);
    }

    /** One line of a chain file: a release's name and where its description document is. */
    public record Entry(String name, String file) {
    }

    /**
     * The releases a chain file lists: one a line, oldest first, {@code NAME FILE} (the file is
     * the rest of the line, so it may hold spaces); {@code #} starts a comment; blank lines are
     * skipped.
     *
     * @throws IllegalArgumentException naming the line that is not {@code NAME FILE}
     */
    public static List<Entry> parseList(String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected NAME FILE, a release and its "
                        + "description document, not '" + dev.baton.core.wire.Printable.of(line) + "'");
            }
            entries.add(new Entry(parts[0], parts[1]));
        }
        return entries;
    }
}
