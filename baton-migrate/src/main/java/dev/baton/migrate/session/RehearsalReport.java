package dev.baton.migrate.session;

import dev.baton.migrate.returnpath.ControlMessage;
import java.util.List;
import java.util.Objects;

/**
 * What a rehearsal found (docs/MIGRATION.md, "Rehearsal"): the whole state went to the target,
 * which loaded it into a fresh instance, ran the application's checks, discarded it and said, per
 * section, what it loaded and what it could not. Neither side changed: the source never paused,
 * the target never activated.
 *
 * <p>The source's report ({@link SourceSession#rehearse}) has both digests of the stream; the
 * target's ({@link TargetSession#receiveOrRehearse}) has only its own, and {@code sentSha256} empty.
 *
 * @param application  the application's name
 * @param protocol     the migration protocol version the stream followed
 * @param stream       the stream format version
 * @param profile      the release profile it was written for, empty for none
 * @param records      records of the stream the target read, END included
 * @param octets       octets of the stream it read, preamble to the end of END
 * @param sentSha256   SHA-256 of the stream as the source wrote it (hex); empty on the target
 * @param readSha256   SHA-256 of the stream as the target read it (hex)
 * @param sections     each SECTION the target met, in stream order, and what became of it
 * @param omitted      sections met but left out of {@code sections}, which a REPORT holds a limited number of
 * @param problems     everything else that failed: the application's checks, regions, digests, counts
 * @param nanos        how long the rehearsal took, measured on the session's clock
 */
public record RehearsalReport(String application, int protocol, int stream, String profile, long records, long octets,
        String sentSha256, String readSha256, List<ControlMessage.Report.Section> sections, long omitted,
        List<String> problems, long nanos) {

    public RehearsalReport {
        Objects.requireNonNull(sentSha256, "sentSha256");
        Objects.requireNonNull(readSha256, "readSha256");
        sections = List.copyOf(sections);
        problems = List.copyOf(problems);
    }

    /** Whether the target read the octets the source wrote; false on the target, which does not know them. */
    public boolean digestMatches() {
        return !sentSha256.isEmpty() && sentSha256.equals(readSha256);
    }

    /**
     * Whether the rehearsal passed: every section loaded and writes back what came, nothing else
     * failed, and (on the source) the target read the octets the source wrote.
     */
    public boolean passed() {
        return omitted == 0 && problems.isEmpty() && failed().isEmpty()
                && (sentSha256.isEmpty() || digestMatches());
    }

    /** The sections that did not load, or loaded and write back other octets. */
    public List<ControlMessage.Report.Section> failed() {
        return sections.stream().filter(s -> s.outcome() != ControlMessage.Report.Outcome.LOADED).toList();
    }

    /**
     * The report in lines of words, as {@code baton migrate send --rehearse} prints it: each section
     * and what became of it, each problem, then the stream and its digests.
     */
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>();
        for (ControlMessage.Report.Section s : sections) {
            lines.add("section " + s.name() + ", version " + s.version() + ": " + switch (s.outcome()) {
                case LOADED -> "loaded";
                case FAILED -> "did not load: " + s.reason();
                case DIFFERS -> "loaded, but differs: " + s.reason();
            });
        }
        if (omitted > 0) {
            lines.add(dev.baton.core.wire.Plural.count(omitted, "more section") + " not listed: a report holds so many");
        }
        for (String p : problems) {
            lines.add("problem: " + p);
        }
        lines.add("stream: " + dev.baton.core.wire.Plural.count(records, "record") + ", "
                + dev.baton.core.wire.Plural.count(octets, "octet") + ", sha256 " + readSha256 + " as the target read it"
                + (sentSha256.isEmpty() ? "" : digestMatches() ? ", the same as sent" : ", but the source sent "
                        + sentSha256));
        return lines;
    }

    /** The verdict in one line: {@code rehearsal passed: ...} or {@code rehearsal failed: ...} and why. */
    public String verdict() {
        if (passed()) {
            return "rehearsal passed: " + dev.baton.core.wire.Plural.count(sections.size(), "section")
                    + " loaded and wrote back the same, the application's checks passed"
                    + (sentSha256.isEmpty() ? "" : ", the target read what was sent")
                    + "; the target discarded it";
        }
        List<String> why = new java.util.ArrayList<>();
        List<ControlMessage.Report.Section> bad = failed();
        if (!bad.isEmpty()) {
            why.add((bad.size() == 1 ? "section " : "sections ") + String.join(", ",
                    bad.stream().map(ControlMessage.Report.Section::name).toList()) + " of "
                    + sections.size() + (bad.stream().allMatch(b -> b.outcome() == ControlMessage.Report.Outcome.FAILED)
                    ? " did not load" : " did not load or differ"));
        }
        if (omitted > 0) {
            why.add(dev.baton.core.wire.Plural.count(omitted, "section") + " not listed");
        }
        if (!problems.isEmpty()) {
            why.add(problems.getFirst() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        if (why.isEmpty() && !sentSha256.isEmpty() && !digestMatches()) {
            why.add("the stream the target read is not the one the source sent");
        }
        return "rehearsal failed: " + String.join("; ", why);
    }
}
