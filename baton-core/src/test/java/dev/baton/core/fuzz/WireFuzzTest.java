package dev.baton.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamLimits;
import dev.baton.core.wire.StreamRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The record reader and version header on any octets: the only exception that may escape is
 * {@link StreamFormatException}. Seeds: the golden vectors (src/test/resources/dev/baton/core/fuzz).
 * In CI the seeds and past findings run as regression tests; {@code bin/fuzz} runs campaigns.
 */
class WireFuzzTest {
    private static final ReaderOptions STRICT = ReaderOptions.defaults()
            .withApplicationTypes(Map.of(0xC000_0001, "GREETING"))
            .withLimits(StreamLimits.DEFAULT.withMaxRecordLength(1 << 20));

    @FuzzTest(maxDuration = "30s")
    void fromMemory(byte[] input) throws IOException {
        readAll(RecordReader::open, input, STRICT);
        readAll(RecordReader::open, input, STRICT.withProblems(Problems.collect(p -> { })).withShowSkipped(true));
    }

    @FuzzTest(maxDuration = "30s")
    void fromAStream(byte[] input) throws IOException {
        try (RecordReader r = RecordReader.open(new ByteArrayInputStream(input), STRICT)) {
            drain(r);
        } catch (StreamFormatException expected) {
            // bad input is reported, never thrown as anything else
        }
    }

    private interface Opener {
        RecordReader open(ByteBuffer b, ReaderOptions o) throws IOException;
    }

    private static void readAll(Opener opener, byte[] input, ReaderOptions options) throws IOException {
        try (RecordReader r = opener.open(ByteBuffer.wrap(input), options)) {
            drain(r);
        } catch (StreamFormatException expected) {
            // bad input is reported, never thrown as anything else
        }
    }

    private static void drain(RecordReader r) throws IOException {
        for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
            rec.body();
            if (rec.type() == RecordType.SECTION) {
                try {
                    rec.sectionHeader();
                    rec.sectionData();
                } catch (StreamFormatException sectionProblem) {
                    // the framing is intact: go on, as verify does
                }
            }
        }
        r.expectEndOfInput();
    }
}
