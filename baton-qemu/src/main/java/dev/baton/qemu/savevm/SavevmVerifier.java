package dev.baton.qemu.savevm;

import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Checks a whole stream and collects every problem instead of stopping at the first, as far as
 * the framing allows: what {@code baton qemu verify} reports.
 *
 * <p>Beyond what QEMU's analyze-migration.py looks at, it checks footers (present in every
 * section or in none, naming the right section), section ids (PART and END refer to an open
 * START, none reused), the RAM section (MEM_SIZE adds up, blocks exist, pages fall inside them,
 * flags are known, compressed pages inflate to one page, XBZRLE deltas are well formed, every
 * START has an END), commands (known, with QEMU's lengths), the vmdesc (valid, complete for
 * decoding), each device section against it (version, subsection names, versions and prefixes,
 * struct sizes, every described device present) and that nothing follows the vmdesc.
 */
public final class SavevmVerifier {

    /**
     * What verifying found.
     *
     * @param problems every problem, in stream order; the last one may have ended reading
     * @param stream   the stream as read, or {@code null} when a problem ended reading early
     */
    public record Verdict(List<StreamFormatException> problems, SavevmStream stream) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private SavevmVerifier() {
    }

    public static Verdict verify(SavevmSource source, LongConsumer progress) throws IOException {
        List<StreamFormatException> problems = new ArrayList<>();
        SavevmOptions options = SavevmOptions.defaults().withProblems(Problems.collect(problems::add))
                .withCheckPages(true).withProgress(progress);
        try {
            return new Verdict(problems, source.read(options));
        } catch (StreamFormatException e) {
            problems.add(e); // the framing is lost: nothing after this can be trusted
            return new Verdict(problems, null);
        }
    }
}
