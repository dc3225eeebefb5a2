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
}
