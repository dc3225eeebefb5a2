package dev.baton.core.engine;

import dev.baton.core.wire.FatalFormatException;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.SectionHeader;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamHeader;
import dev.baton.core.wire.StreamRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Checks a whole Baton stream and says what it found, as a {@link Verdict}: what {@code baton
 * verify} prints.
 *
 * <p>It checks everything the reader checks in verify mode (docs/FORMAT.md, sections 14 and 16),
 * each SECTION's header, the DESCRIPTION as a description document (section 12), and decodes
 * every section through the stream's own DESCRIPTION, as {@code baton inspect} does: at the
 * version its header declares, or at the one a known {@link Quirk} of its producer names, field
 * by field to its last octet. A section that does not decode so, or leaves octets that no field
 * read, is a problem naming the section, its version, the offset and what was wrong: a stream
 * whose producer lied about a version is not valid, unless a quirk says how to read it.
 *
 * <p>Recoverable problems are all reported and checking goes on; a {@link FatalFormatException}
 * ends it. A record whose padding or checksum is bad is not decoded: its octets are not the ones
 * its producer wrote. What cannot be decoded without the producer's code is counted, not guessed
 * ({@link Verdict#undecoded()}): a section in a stream without a DESCRIPTION, one the DESCRIPTION
 * does not describe, one larger than {@link SelfDescription#LARGEST_DECODED}, and the rest of a
 * section after a field only its producer can decide ({@code when}).
 *
 * <p>Memory stays constant for any stream length, but for the problems found and one section.
 * Immutable; each {@link #verify} call is independent.
 */
public final class StreamVerifier {
    private final ReaderOptions options;
    private final Quirks quirks;
    private final LongConsumer progress;

    private StreamVerifier(ReaderOptions options, Quirks quirks, LongConsumer progress) {
        this.options = Objects.requireNonNull(options, "options");
        this.quirks = Objects.requireNonNull(quirks, "quirks");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * A verifier reading with {@code options} (window, limits, application types); its problems
     * are always collected.
     */
    public static StreamVerifier of(ReaderOptions options) {
        return new StreamVerifier(options, Quirks.none(), at -> { });
    }

    /** The same verifier decoding sections through these quirks of past producers. */
    public StreamVerifier withQuirks(Quirks known) {
        return new StreamVerifier(options, known, progress);
    }

    /** The same verifier telling {@code offset} the stream offset it has reached after each record. */
    public StreamVerifier withProgress(LongConsumer offset) {
        return new StreamVerifier(options, quirks, offset);
    }

    /** Opens the stream to verify with the options it is given: a file, a channel, octets in memory. */
    @FunctionalInterface
    public interface Source {
        RecordReader open(ReaderOptions options) throws IOException;
    }

    /**
     * What verifying found.
     *
     * @param header    the stream's header, or null when it could not be read
     * @param problems  every problem, in stream order; the last one may have ended checking
     * @param records   records read, END included (all of them when the stream is valid)
     * @param octets    the offset after END when the stream is valid, else where checking stopped
     * @param decoded   sections decoded through the DESCRIPTION to their last octet
     * @param undecoded sections that were not, but for a problem: see {@link StreamVerifier}
     * @param quirks    the quirks applied, one line each as {@link Quirk#describe()} says it
     */
    public record Verdict(StreamHeader header, List<StreamFormatException> problems, long records, long octets,
            long decoded, long undecoded, List<String> quirks) {
        public Verdict {
            problems = List.copyOf(problems);
            quirks = List.copyOf(quirks);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /**
     * Reads the whole stream, END and what follows it included: the source must end with the
     * stream (a file, a pipe that closes). I/O errors of the source are thrown, not reported.
     */
    public Verdict verify(Source source) throws IOException {
        return new Check().run(source);
    }

    /** One verification's state. */
    private final class Check {
        private final List<StreamFormatException> problems = new ArrayList<>();
        private final Problems collect = Problems.collect(problems::add);
        private final Set<String> applied = new LinkedHashSet<>();
        private StreamHeader header;
        private SelfDescription description;
        private long decoded;
        private long sections;

        Verdict run(Source source) throws IOException {
            long records = 0;
            long octets = 0;
            try (RecordReader reader = source.open(options.withProblems(collect))) {
                header = reader.header();
                for (StreamRecord r = reader.next(); r != null; r = reader.next()) {
                    try {
                        check(r);
                    } catch (StreamFormatException e) {
                        collect.report(e); // fatal ones go on up
                    }
                    progress.accept(reader.offset());
                }
                reader.expectEndOfInput();
                records = reader.records();
                octets = reader.offset();
                progress.accept(octets);
            } catch (StreamFormatException e) {
                problems.add(e); // fatal: nothing after it can be trusted
            }
            return new Verdict(header, problems, records, octets, decoded, sections - decoded, List.copyOf(applied));
        }

        private void check(StreamRecord r) throws IOException {
            if (r.type() == RecordType.DESCRIPTION) {
                description = null; // a later DESCRIPTION that fails leaves none: the stream has said two things
                if (intact(r)) {
                    description = SelfDescription.read(r);
                }
            } else if (r.type() == RecordType.SECTION) {
                sections++;
                SectionHeader h = r.sectionHeader();
                if (description != null && h.dataLength() <= SelfDescription.LARGEST_DECODED && intact(r)) {
                    decode(r, h);
                }
            }
        }

        /** Loads the record's body; whether its padding and checksum were sound. */
        private boolean intact(StreamRecord r) throws IOException {
            int before = problems.size();
            r.body();
            return problems.size() == before;
        }

        private void decode(StreamRecord r, SectionHeader h) throws IOException {
            Quirk quirk = quirks.find(header.producerName(), header.producerVersion(), h.idstr(), h.version());
            if (quirk != null) {
                applied.add(quirk.describe());
            }
            SelfDescription.Decoded d = description.decode(r, quirk != null ? quirk.actualVersion() : h.version());
            if (d != null && d.complete()) {
                decoded++;
            }
        }
    }
}
