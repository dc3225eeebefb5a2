package dev.baton.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * One test per kind of bad input: each gets a {@link StreamFormatException} with its own message,
 * offset and record. The inputs are the big-endian golden vector (layout below) with octets
 * changed.
 *
 * <pre>
 *    0 preamble, 16 version header .. 71
 *   72 DESCRIPTION (15)   96 SECTION ram (18)   128 STATIC_DATA_END   136 SECTION cpu (20)
 *  168 GREETING (2, optional)   184 END   192 end of stream
 * </pre>
 */
class MalformedInputTest {
    private static final int HEADER_LENGTH = 72;

    private static byte[] plain() {
        return TestStreams.golden("stream-be.hex");
    }

    private static byte[] withChecksums() {
        return TestStreams.golden("stream-be-crc.hex");
    }

    /** Reads the whole stream strictly and returns the error it gets. */
    private static StreamFormatException failure(byte[] stream) {
        return failure(stream, ReaderOptions.defaults());
    }

    private static StreamFormatException failure(byte[] stream, ReaderOptions options) {
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), options)) {
            for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                rec.body();
                if (rec.type() == RecordType.SECTION) {
                    rec.sectionHeader();
                }
            }
            r.expectEndOfInput();
        } catch (StreamFormatException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error for this stream");
    }

    /** Recomputes the version header checksum after a test changed a header octet. */
    private static byte[] resealHeader(byte[] stream) {
        CRC32C crc = new CRC32C();
        crc.update(stream, 0, HEADER_LENGTH - 8);
        ByteBuffer.wrap(stream).putInt(HEADER_LENGTH - 8, (int) crc.getValue());
        return stream;
    }

    private static byte[] put32(byte[] stream, int at, int value) {
        ByteBuffer.wrap(stream).putInt(at, value);
        return stream;
    }

    @Test
    void badMagic() {
        byte[] s = plain();
        s[0] = 0x09; // as if a 7-bit channel cleared the high bit
        StreamFormatException e = failure(s);
        assertThat(e.getMessage()).contains("bad magic 09 42 54 4e", "7-bit channel");
        assertThat(e.offset()).isZero();
        assertThat(e.recordIndex()).isEqualTo(StreamFormatException.IN_HEADER);
    }

    @Test
    void textModeTransferIsNamed() {
        byte[] s = plain();
        s[4] = '\n'; // CR LF became LF: the octets shifted
        assertThat(failure(s).getMessage()).contains("bad magic", "text-mode transfer");
    }

    @Test
    void notABatonStreamAtAll() {
        assertThat(failure("QEVM\0\0\0\3 not ours".getBytes()).getMessage()).contains("not a Baton stream");
    }

    @Test
    void unsupportedVersionWindow() {
        byte[] s = resealHeader(put32(put32(plain(), 8, 5), 12, 3));
        StreamFormatException e = failure(s);
        assertThat(e.problem()).isEqualTo("unsupported stream version 5: the stream can be read by readers of "
                + "versions [3, 5], this reader reads [1, 1]");
        assertThat(e.offset()).isEqualTo(8);
    }

    @Test
    void compatVersionAboveVersion() {
        assertThat(failure(put32(plain(), 12, 2)).problem())
                .isEqualTo("compat_version 2 is not valid for version 1 (it must lie in [1, 1])");
    }

    @Test
    void compatVersionZero() {
        assertThat(failure(put32(plain(), 12, 0)).problem()).contains("compat_version 0 is not valid");
    }

    @Test
    void versionZero() {
        assertThat(failure(put32(plain(), 8, 0)).problem()).contains("version 0 is not a valid stream version");
    }

    @Test
    void reservedFlagBitsSet() {
        StreamFormatException e = failure(resealHeader(put32(plain(), 20, 0x8000_0000)));
        assertThat(e.problem()).isEqualTo("reserved flag bits set: 0x80000000 (only bit 0, checksums, is defined)");
        assertThat(e.offset()).isEqualTo(20);
    }

    @Test
    void reservedHeaderFieldSet() {
        byte[] s = plain();
        s[39] = 1;
        assertThat(failure(resealHeader(s)).problem()).contains("reserved header field at offset 38 is 0x0001");
    }

    @Test
    void badByteOrderMark() {
        StreamFormatException e = failure(resealHeader(put32(plain(), 16, 0x0A0B0C0E)));
        assertThat(e.problem()).contains("bad byte-order mark 0x0a0b0c0e");
        assertThat(e.offset()).isEqualTo(16);
    }

    @Test
    void headerChecksumMismatch() {
        byte[] s = plain();
        s[23] ^= 1; // flips the checksum flag: the header checksum must notice
        assertThat(failure(s).problem()).startsWith("version header checksum mismatch: stored 0x");
    }

    @Test
    void headerStringOverLimit() {
        ReaderOptions tight = ReaderOptions.defaults().withLimits(new StreamLimits(1 << 20, 256, 4));
        assertThat(failure(plain(), tight).problem())
                .isEqualTo("producer name length 10 exceeds the limit of 4 octets");
    }

    @Test
    void headerStringNotUtf8() {
        byte[] s = plain();
        s[40] = (byte) 0xC3; // a lead octet followed by ASCII
        assertThat(failure(resealHeader(s)).problem()).isEqualTo("producer name is not valid UTF-8");
    }

    @Test
    void emptyStream() {
        assertThat(failure(new byte[0]).problem()).isEqualTo("empty stream: no preamble");
    }

    @Test
    void truncatedPreamble() {
        assertThat(failure(Arrays.copyOf(plain(), 11)).problem())
                .isEqualTo("truncated preamble: the stream ends after 11 of 16 octets");
    }

    @Test
    void truncatedVersionHeader() {
        assertThat(failure(Arrays.copyOf(plain(), 30)).problem())
                .isEqualTo("truncated fixed part of the version header: the stream ends after 30 of 40 octets");
        assertThat(failure(Arrays.copyOf(plain(), 60)).problem())
                .isEqualTo("truncated version header (72 octets): the stream ends after 60 of 72 octets");
    }

    @Test
    void truncatedRecordHeader() {
        StreamFormatException e = failure(Arrays.copyOf(plain(), 100));
        assertThat(e.problem()).isEqualTo("truncated record header: the stream ends after 4 of 8 octets");
        assertThat(e.recordIndex()).isEqualTo(1);
    }

    @Test
    void truncatedRecordBody() {
        StreamFormatException e = failure(Arrays.copyOf(plain(), 110));
        assertThat(e.problem()).isEqualTo("truncated record body: length 18 but only 6 octets of body (14 octets left)");
        assertThat(e.recordIndex()).isEqualTo(1);
        assertThat(e.recordType()).isEqualTo(RecordType.SECTION);
        assertThat(e.getMessage()).startsWith("offset 110, record #1 (SECTION): ");
    }

    @Test
    void truncatedPadding() {
        assertThat(failure(Arrays.copyOf(plain(), 124)).problem())
                .startsWith("truncated padding after a body of 18 octets");
    }

    @Test
    void truncatedChecksumTrailer() {
        // With checksums the ram section spans 104..143; its trailer starts at 136.
        assertThat(failure(Arrays.copyOf(withChecksums(), 140)).problem()).startsWith("truncated checksum trailer");
    }

    @Test
    void truncationIsFoundOnChannelsToo() {
        byte[] s = Arrays.copyOf(plain(), 110);
        StreamFormatException e = assertThrowsFormat(() -> {
            try (RecordReader r = RecordReader.open(new java.io.ByteArrayInputStream(s), ReaderOptions.defaults())) {
                while (r.next() != null) {
                    // reading past the cut
                }
            }
        });
        assertThat(e.problem()).isEqualTo("truncated record body: length 18 but only 6 octets of body");
        assertThat(e.offset()).isEqualTo(110);
    }

    @Test
    void nonZeroPadding() {
        byte[] s = plain();
        s[95] = 0x5A; // last padding octet of DESCRIPTION
        StreamFormatException e = failure(s);
        assertThat(e.problem()).isEqualTo("non-zero padding octet 0x5a");
        assertThat(e.offset()).isEqualTo(95);
        assertThat(e.recordIndex()).isZero();
    }

    @Test
    void recordChecksumMismatch() {
        byte[] s = withChecksums();
        s[120] ^= 0x10; // inside the ram section's data (its body is 112..129 with checksums)
        StreamFormatException e = failure(s);
        assertThat(e.problem()).startsWith("checksum mismatch: stored 0x");
        assertThat(e.recordIndex()).isEqualTo(1);
    }

    @Test
    void unknownMandatoryRecord() {
        byte[] s = put32(plain(), 168, 0x4000_0001); // GREETING loses its optional bit
        StreamFormatException e = failure(s);
        assertThat(e.problem()).isEqualTo("unknown mandatory record type 0x40000001: this reader cannot go on "
                + "without understanding it");
        assertThat(e.offset()).isEqualTo(168);
        assertThat(e.recordIndex()).isEqualTo(4);
    }

    @Test
    void recordAfterEnd() {
        byte[] s = Arrays.copyOf(plain(), 200);
        put32(s, 196, 0); // a second END
        StreamFormatException e = failure(s);
        assertThat(e.problem()).isEqualTo("record after END: END with a body of 0 octets");
        assertThat(e.offset()).isEqualTo(192);
    }

    @Test
    void trailingOctetsAfterEnd() {
        assertThat(failure(Arrays.copyOf(plain(), 195)).problem()).isEqualTo("3 trailing octets after END");
    }

    @Test
    void missingEnd() {
        StreamFormatException e = failure(Arrays.copyOf(plain(), 184));
        assertThat(e.problem()).isEqualTo("missing END: the stream ends after 5 records");
        assertThat(e.offset()).isEqualTo(184);
    }

    @Test
    void recordLengthOverTheLimit() {
        ReaderOptions tight = ReaderOptions.defaults().withLimits(StreamLimits.DEFAULT.withMaxRecordLength(16));
        StreamFormatException e = failure(plain(), tight);
        assertThat(e.problem()).isEqualTo("record length 18 exceeds the limit of 16 octets");
        assertThat(e.offset()).isEqualTo(100);
    }

    @Test
    void hugeLengthIsRefusedBeforeAllocating() {
        byte[] s = put32(plain(), 100, 0x7FFF_FFF0);
        assertThat(failure(s).problem()).isEqualTo("record length 2147483632 exceeds the limit of 134217728 octets");
        byte[] negative = put32(plain(), 100, 0xFFFF_FFFF);
        assertThat(failure(negative).problem()).isEqualTo("record length 4294967295 exceeds the limit of 134217728 octets");
    }

    @Test
    void lengthPastWhatRemains() {
        byte[] s = put32(plain(), 100, 1000);
        assertThat(failure(s).problem()).isEqualTo("truncated record body: length 1000 but only 88 octets of body "
                + "(96 octets left)");
    }

    @Test
    void endWithABody() {
        byte[] s = Arrays.copyOf(plain(), 200);
        put32(s, 188, 8);
        assertThat(failure(s).problem()).isEqualTo("END must have an empty body, not 8 octets");
    }

    @Test
    void secondStaticDataEnd() {
        byte[] s = put32(plain(), 168, RecordType.STATIC_DATA_END);
        put32(s, 172, 0);
        // the GREETING body octets now read as the next record header; make them a STATIC_DATA_END too
        StreamFormatException e = failure(s);
        assertThat(e.problem()).isEqualTo("second STATIC_DATA_END");
        assertThat(e.offset()).isEqualTo(168);
    }

    @Test
    void endBeforeStaticDataEnd() {
        byte[] s = put32(plain(), 128, RecordType.END);
        assertThat(failure(s).problem())
                .isEqualTo("END before STATIC_DATA_END: the stream has no static/dynamic boundary");
    }

    @Test
    void descriptionAfterASection() {
        byte[] s = put32(plain(), 168, RecordType.DESCRIPTION);
        assertThat(failure(s).problem()).isEqualTo("DESCRIPTION after the first SECTION: it must precede every section");
    }

    @Test
    void sectionIdstrPastTheEnd() {
        byte[] s = plain();
        s[112] = 0; // idstr length 0x0300 ... (u16 at body offset 8 = stream offset 112)
        s[113] = 9;
        StreamFormatException e = failure(s);
        assertThat(e.problem()).isEqualTo("idstr length 9 runs past the end of the SECTION body (18 octets)");
        assertThat(e.offset()).isEqualTo(112);
    }

    @Test
    void sectionEmptyIdstr() {
        byte[] s = plain();
        s[113] = 0;
        assertThat(failure(s).problem()).isEqualTo("SECTION has an empty idstr");
    }

    @Test
    void sectionIdstrNotUtf8() {
        byte[] s = plain();
        s[114] = (byte) 0xFF;
        assertThat(failure(s).problem()).isEqualTo("idstr is not valid UTF-8");
    }

    @Test
    void nulInAnIdstrOrHeaderString() {
        byte[] s = plain();
        s[115] = 0; // "ram" becomes "r\0m"
        assertThat(failure(s).problem()).isEqualTo("idstr contains a NUL octet");
        byte[] h = plain();
        h[41] = 0; // "baton-test" becomes "b\0ton-test"
        assertThat(failure(resealHeader(h)).problem()).isEqualTo("producer name contains a NUL octet");
    }

    @Test
    void secondDescription() throws IOException {
        byte[] s = put32(plain(), 128, RecordType.DESCRIPTION); // STATIC_DATA_END at 128 becomes DESCRIPTION
        List<StreamFormatException> problems = new ArrayList<>();
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(s),
                ReaderOptions.defaults().withProblems(Problems.collect(problems::add)))) {
            while (r.next() != null) {
                // all records
            }
        }
        assertThat(problems).extracting(StreamFormatException::problem).contains(
                "DESCRIPTION after the first SECTION: it must precede every section", "second DESCRIPTION");
    }

    @Test
    void sectionBodyShorterThanItsHeader() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults())) {
            w.begin(RecordType.SECTION).putInt(7).putU16(1).end(); // 6 octets: no room for the header
            w.writeStaticDataEnd();
            w.writeEnd();
        }
        StreamFormatException e = failure(out.toByteArray());
        assertThat(e.problem()).isEqualTo("SECTION body of 6 octets is shorter than its 10-octet header");
        assertThat(e.recordIndex()).isZero();
    }

    @Test
    void verifyModeReportsEveryRecoverableProblem() throws IOException {
        byte[] s = withChecksums();
        s[120] ^= 0x10; // checksum mismatch in record #1
        List<StreamFormatException> problems = new ArrayList<>();
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(s),
                ReaderOptions.defaults().withProblems(Problems.collect(problems::add)))) {
            int records = 0;
            for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                rec.body();
                records++;
            }
            r.expectEndOfInput();
            assertThat(records).isEqualTo(5); // the unknown optional GREETING is skipped
        }
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.problem()).startsWith("checksum mismatch"));
    }

    @Test
    void unknownMandatoryRecordIsSkippedInVerifyMode() throws IOException {
        byte[] s = put32(plain(), 168, 0x4000_0001);
        List<StreamFormatException> problems = new ArrayList<>();
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(s),
                ReaderOptions.defaults().withProblems(Problems.collect(problems::add)))) {
            while (r.next() != null) {
                // every record
            }
            assertThat(r.ended()).isTrue();
        }
        assertThat(problems).extracting(StreamFormatException::recordIndex).containsExactly(4L);
    }

    @Test
    void littleEndianStreamsAreCheckedTheSameWay() {
        byte[] s = TestStreams.golden("stream-le.hex");
        ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN).putInt(100, 1000);
        assertThat(failure(s).problem()).startsWith("truncated record body: length 1000");
    }

    private interface Action {
        void run() throws IOException;
    }

    private static StreamFormatException assertThrowsFormat(Action action) {
        try {
            action.run();
        } catch (StreamFormatException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no StreamFormatException");
    }

    @Test
    void writerRefusesToBreakTheGrammar() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        RecordWriter w = RecordWriter.open(out, WriterOptions.defaults());
        assertThatThrownBy(w::writeEnd).isInstanceOf(IllegalStateException.class)
                .hasMessage("END before STATIC_DATA_END");
        w.writeDescription(ByteBuffer.allocate(2));
        assertThatThrownBy(() -> w.writeDescription(ByteBuffer.allocate(2)))
                .hasMessage("DESCRIPTION was already written");
        assertThatThrownBy(() -> w.writeRecord(RecordType.STATIC_DATA_END, ByteBuffer.allocate(100_000)))
                .hasMessage("STATIC_DATA_END must have an empty body");
        w.writeSection("a", 0, 1, ByteBuffer.allocate(0));
        assertThatThrownBy(() -> w.writeDescription(ByteBuffer.allocate(2)))
                .hasMessage("DESCRIPTION must come before the first SECTION");
        w.writeStaticDataEnd();
        assertThatThrownBy(w::writeStaticDataEnd).hasMessage("STATIC_DATA_END was already written");
        assertThatThrownBy(() -> w.beginSection("", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.begin(0x0000_0077)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a core type nor an application type");
        assertThatThrownBy(() -> w.beginSection("a\0b", 0, 1)).hasMessage("idstr contains NUL");
        w.writeEnd();
        assertThatThrownBy(() -> w.writeSection("a", 0, 1, ByteBuffer.allocate(0)))
                .hasMessage("the stream has ended: nothing may follow END");
    }
}
