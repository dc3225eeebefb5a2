package dev.baton.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one problem model (docs/FORMAT.md, section 16.2): stop at the first or collect and go on;
 * fatal problems are a type, {@link FatalFormatException}, and stop reading either way. The
 * stream is the golden vector's, laid out as in {@link MalformedInputTest}.
 */
class ProblemsTest {

    private static StreamFormatException recoverable(String problem) {
        return new StreamFormatException(problem, 8, 0, RecordType.SECTION, null);
    }

    private static FatalFormatException fatal(String problem) {
        return new FatalFormatException(problem, 8, 0, RecordType.SECTION, null);
    }

    @Test
    void stopThrowsTheFirstProblem() {
        StreamFormatException first = recoverable("non-zero padding octet 0x01");
        assertThat(Problems.stop().collecting()).isFalse();
        assertThatThrownBy(() -> Problems.stop().report(first)).isSameAs(first);
    }

    @Test
    void collectHandsRecoverableProblemsOnInOrder() throws StreamFormatException {
        List<StreamFormatException> seen = new ArrayList<>();
        Problems problems = Problems.collect(seen::add);
        StreamFormatException a = recoverable("a");
        StreamFormatException b = recoverable("b");
        problems.report(a);
        problems.report(b);
        assertThat(problems.collecting()).isTrue();
        assertThat(seen).containsExactly(a, b);
    }

    @Test
    void aFatalProblemIsThrownWhetherCollectingOrNot() {
        List<StreamFormatException> seen = new ArrayList<>();
        FatalFormatException lost = fatal("truncated record body");
        assertThatThrownBy(() -> Problems.collect(seen::add).report(lost)).isSameAs(lost);
        assertThatThrownBy(() -> Problems.stop().report(lost)).isSameAs(lost);
        assertThat(seen).isEmpty();
    }

    @Test
    void aFatalProblemStaysFatalInANewContext() {
        StreamFormatException moved = fatal("truncated").withContext("section disk/0");
        assertThat(moved).isInstanceOf(FatalFormatException.class);
        assertThat(moved.getMessage()).isEqualTo("offset 8, record #0 (SECTION), section disk/0: truncated");
        assertThat(recoverable("x").withContext("y")).isNotInstanceOf(FatalFormatException.class);
    }

    /** Streams whose problem loses the framing, or comes before any record can be found. */
    static Stream<Arguments> fatalStreams() {
        byte[] plain = TestStreams.golden("stream-be.hex");
        byte[] badMagic = plain.clone();
        badMagic[0] = 0x09;
        byte[] afterEnd = Arrays.copyOf(plain, 200);
        ByteBuffer.wrap(afterEnd).putInt(196, 0);
        byte[] longer = plain.clone();
        ByteBuffer.wrap(longer).putInt(100, 1000);
        return Stream.of(
                Arguments.of("empty stream: no preamble", new byte[0]),
                Arguments.of("truncated preamble", Arrays.copyOf(plain, 10)),
                Arguments.of("bad magic", badMagic),
                Arguments.of("truncated version header", Arrays.copyOf(plain, 50)),
                Arguments.of("truncated record header", Arrays.copyOf(plain, 100)),
                Arguments.of("truncated record body", Arrays.copyOf(plain, 110)),
                Arguments.of("truncated padding", Arrays.copyOf(plain, 124)),
                Arguments.of("truncated record body: length 1000", longer),
                Arguments.of("missing END", Arrays.copyOf(plain, 184)),
                Arguments.of("record after END", afterEnd),
                Arguments.of("3 trailing octets after END", Arrays.copyOf(plain, 195)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fatalStreams")
    void aReaderThatCollectsStillStopsAtAFatalProblem(String problem, byte[] stream) {
        List<StreamFormatException> collected = new ArrayList<>();
        ReaderOptions options = ReaderOptions.defaults().withProblems(Problems.collect(collected::add));
        assertThatThrownBy(() -> {
            try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), options)) {
                for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                    rec.body();
                }
                r.expectEndOfInput();
            }
        }).isInstanceOf(FatalFormatException.class).satisfies(e ->
                assertThat(((StreamFormatException) e).problem()).startsWith(problem));
        assertThat(collected).isEmpty();
    }

    @Test
    void aReaderThatCollectsReadsPastEveryRecoverableProblemToEnd() throws IOException {
        byte[] s = TestStreams.golden("stream-be.hex");
        s[95] = 0x5A; // the DESCRIPTION's last padding octet
        ByteBuffer.wrap(s).putInt(168, 0x4000_0001); // the optional GREETING becomes an unknown mandatory type
        List<StreamFormatException> collected = new ArrayList<>();
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(s),
                ReaderOptions.defaults().withProblems(Problems.collect(collected::add)))) {
            for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                rec.body();
            }
            r.expectEndOfInput();
            assertThat(r.ended()).isTrue();
        }
        assertThat(collected).extracting(StreamFormatException::problem).satisfiesExactly(
                p -> assertThat(p).isEqualTo("non-zero padding octet 0x5a"),
                p -> assertThat(p).startsWith("unknown mandatory record type 0x40000001"));
        assertThat(collected).noneMatch(FatalFormatException.class::isInstance);
    }

    @Test
    void aBadSectionHeaderIsARecordErrorTheReaderGoesOnAfter() throws IOException {
        byte[] s = TestStreams.golden("stream-be.hex");
        ByteBuffer.wrap(s).putShort(112, (short) 100); // ram's idstr_len runs past its body
        List<StreamFormatException> collected = new ArrayList<>();
        List<StreamFormatException> headers = new ArrayList<>();
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(s),
                ReaderOptions.defaults().withProblems(Problems.collect(collected::add)))) {
            for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                if (rec.type() == RecordType.SECTION) {
                    try {
                        rec.sectionHeader();
                    } catch (StreamFormatException e) {
                        headers.add(e);
                    }
                }
            }
            assertThat(r.ended()).isTrue();
        }
        assertThat(collected).isEmpty();
        assertThat(headers).singleElement().satisfies(e -> {
            assertThat(e).isNotInstanceOf(FatalFormatException.class);
            assertThat(e.problem()).startsWith("idstr length 100 runs past the end of the SECTION body");
        });
    }

    @Test
    void aBodyCutShortOnAChannelIsFatalWhenItIsLoaded() throws IOException {
        byte[] cut = Arrays.copyOf(TestStreams.golden("stream-be.hex"), 110);
        try (RecordReader r = RecordReader.open(new ByteArrayInputStream(cut),
                ReaderOptions.defaults().withProblems(Problems.collect(p -> { })))) {
            r.next(); // DESCRIPTION
            StreamRecord ram = r.next();
            assertThatThrownBy(ram::sectionData).isInstanceOf(FatalFormatException.class)
                    .hasMessageContaining("truncated record body");
        }
    }
}
