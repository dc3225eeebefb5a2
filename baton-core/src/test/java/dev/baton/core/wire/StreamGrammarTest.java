package dev.baton.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.wire.StreamGrammar.Break;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The stream grammar's table (docs/FORMAT.md, section 10) walked whole: from every state a writer
 * can reach, every kind of record, allowed or refused. For each, the table says what this test
 * lists, the writer refuses exactly what the table refuses (through both of its write paths),
 * and the reader reports it, naming the same rule, on a stream built here octet by octet.
 */
class StreamGrammarTest {
    private static final int APP = 0x4000_0001;
    /** The kinds of record the grammar tells apart, an application record standing for the rest. */
    private static final int[] KINDS = {RecordType.DESCRIPTION, RecordType.SECTION, RecordType.STATIC_DATA_END,
        RecordType.END, APP};

    /**
     * What section 10 refuses, written out by hand: the records that came (in any order), the
     * record that comes next, the rules it breaks in the order the reader reports them. Every
     * other transition from a reachable state is allowed; after END, every record is refused.
     */
    private static final String REFUSED = """
            -                                      END              END_BEFORE_STATIC_DATA_END
            DESCRIPTION                            DESCRIPTION      SECOND_DESCRIPTION
            DESCRIPTION                            END              END_BEFORE_STATIC_DATA_END
            SECTION                                DESCRIPTION      DESCRIPTION_AFTER_SECTION
            SECTION                                END              END_BEFORE_STATIC_DATA_END
            DESCRIPTION SECTION                    DESCRIPTION      DESCRIPTION_AFTER_SECTION SECOND_DESCRIPTION
            DESCRIPTION SECTION                    END              END_BEFORE_STATIC_DATA_END
            STATIC_DATA_END                        STATIC_DATA_END  SECOND_STATIC_DATA_END
            DESCRIPTION STATIC_DATA_END            DESCRIPTION      SECOND_DESCRIPTION
            DESCRIPTION STATIC_DATA_END            STATIC_DATA_END  SECOND_STATIC_DATA_END
            SECTION STATIC_DATA_END                DESCRIPTION      DESCRIPTION_AFTER_SECTION
            SECTION STATIC_DATA_END                STATIC_DATA_END  SECOND_STATIC_DATA_END
            DESCRIPTION SECTION STATIC_DATA_END    DESCRIPTION      DESCRIPTION_AFTER_SECTION SECOND_DESCRIPTION
            DESCRIPTION SECTION STATIC_DATA_END    STATIC_DATA_END  SECOND_STATIC_DATA_END
            """;

    @Test
    void writerAndReaderRefuseWhatTheTableRefusesFromEveryState() throws IOException {
        Map<String, List<Integer>> states = reachableStates();
        // DESCRIPTION, SECTION and STATIC_DATA_END each come or not (8), and the 4 of them after END,
        // which needs STATIC_DATA_END.
        assertThat(states).hasSize(12);
        int allowed = 0;
        int refused = 0;
        for (Map.Entry<String, List<Integer>> state : states.entrySet()) {
            for (int type : KINDS) {
                List<Break> expected = expected(state.getKey(), type);
                String where = "after [" + state.getKey() + "], " + RecordType.name(type);
                assertThat(tableBreaks(state.getValue(), type)).as(where).isEqualTo(expected);
                checkWriter(state.getValue(), type, expected, where);
                checkReader(state.getValue(), type, expected, where);
                if (expected.isEmpty()) {
                    allowed++;
                } else {
                    refused++;
                }
            }
        }
        assertThat(allowed).isEqualTo(26);
        assertThat(refused).isEqualTo(34); // the 14 listed and 4 ended states times 5 kinds
    }

    @Test
    void endAndStaticDataEndMustBeEmptyOnBothSides() throws IOException {
        ByteBuffer three = ByteBuffer.wrap(new byte[] {1, 2, 3});
        RecordWriter w = RecordWriter.open(new ByteArrayOutputStream(), WriterOptions.defaults());
        assertThatThrownBy(() -> w.writeRecord(RecordType.STATIC_DATA_END, three))
                .isInstanceOf(IllegalStateException.class).hasMessage("STATIC_DATA_END must have an empty body");
        BodyWriter open = w.begin(RecordType.STATIC_DATA_END).put(three.duplicate());
        assertThatThrownBy(open::end).isInstanceOf(IllegalStateException.class)
                .hasMessage("STATIC_DATA_END must have an empty body");
        assertThat(w.records()).isZero();

        RecordWriter ended = RecordWriter.open(new ByteArrayOutputStream(), WriterOptions.defaults());
        ended.writeStaticDataEnd();
        assertThatThrownBy(() -> ended.writeRecord(RecordType.END, three))
                .isInstanceOf(IllegalStateException.class).hasMessage("END must have an empty body");

        for (int type : new int[] {RecordType.STATIC_DATA_END, RecordType.END}) {
            List<Integer> before = type == RecordType.END ? List.of(RecordType.STATIC_DATA_END) : List.of();
            byte[] stream = stream(before, type, three.array());
            StreamFormatException e = formatError(() -> readAll(stream));
            assertThat(e.problem()).isEqualTo(RecordType.name(type) + " must have an empty body, not 3 octets");
            assertThat(e.recordIndex()).isEqualTo(before.size());
            assertThat(e.offset()).isEqualTo(recordOffset(before) + 4); // the length field
        }
    }

    // ---- the walk ------------------------------------------------------------------------

    /**
     * Every state a writer can reach, named by the records that came (in the order of
     * {@link #KINDS}), with a shortest way there the table allows: breadth first from the start.
     */
    private static Map<String, List<Integer>> reachableStates() {
        Map<String, List<Integer>> states = new LinkedHashMap<>();
        Deque<List<Integer>> queue = new ArrayDeque<>();
        queue.add(List.of());
        while (!queue.isEmpty()) {
            List<Integer> path = queue.poll();
            if (states.putIfAbsent(name(path), path) != null) {
                continue;
            }
            for (int type : KINDS) {
                if (tableBreaks(path, type).isEmpty()) {
                    List<Integer> next = new ArrayList<>(path);
                    next.add(type);
                    queue.add(next);
                }
            }
        }
        return states;
    }

    /** The core records among {@code path}, in the order of {@link #KINDS}, or "-" for none. */
    private static String name(List<Integer> path) {
        TreeSet<Integer> seen = new TreeSet<>();
        for (int type : path) {
            for (int k = 0; k < KINDS.length; k++) {
                if (KINDS[k] == type && type != APP) {
                    seen.add(k);
                }
            }
        }
        List<String> names = seen.stream().map(k -> RecordType.name(KINDS[k])).toList();
        return names.isEmpty() ? "-" : String.join(" ", names);
    }

    private static List<Break> expected(String state, int type) {
        if (Arrays.asList(state.split(" ")).contains("END")) {
            return List.of(Break.AFTER_END);
        }
        for (String line : REFUSED.strip().split("\n")) {
            String[] cells = line.strip().split(" {2,}");
            if (cells[0].equals(state) && cells[1].equals(RecordType.name(type))) {
                return Arrays.stream(cells[2].split(" ")).map(Break::valueOf).toList();
            }
        }
        return List.of();
    }

    private static List<Break> tableBreaks(List<Integer> path, int type) {
        StreamGrammar grammar = new StreamGrammar();
        path.forEach(before -> grammar.take(grammar.step(before)));
        List<Break> breaks = new ArrayList<>();
        for (int bits = StreamGrammar.breaks(grammar.step(type)); bits != 0; bits &= bits - 1) {
            breaks.add(Break.first(bits));
        }
        return breaks;
    }

    private interface Write {
        void record(RecordWriter w, int type) throws IOException;
    }

    /** Both ways to write a record: whole, and begun then ended. */
    private static final List<Write> WRITES = List.of(
            (w, type) -> w.writeRecord(type, ByteBuffer.wrap(body(type))),
            (w, type) -> w.begin(type).put(ByteBuffer.wrap(body(type))).end());

    private static void checkWriter(List<Integer> path, int type, List<Break> expected, String where)
            throws IOException {
        for (Write write : WRITES) {
            RecordWriter w = RecordWriter.open(new ByteArrayOutputStream(), WriterOptions.defaults());
            for (int before : path) {
                write.record(w, before);
            }
            if (expected.isEmpty()) {
                write.record(w, type);
                assertThat(w.records()).as(where).isEqualTo(path.size() + 1);
            } else {
                assertThatThrownBy(() -> write.record(w, type)).as(where).isInstanceOf(IllegalStateException.class)
                        .hasMessage(expected.get(0).writing());
                assertThat(w.records()).as(where).isEqualTo(path.size());
            }
        }
    }

    private static void checkReader(List<Integer> path, int type, List<Break> expected, String where)
            throws IOException {
        byte[] stream = stream(path, type, body(type));
        if (expected.equals(List.of(Break.AFTER_END))) {
            // the reader stops at END; what follows is found when the input must end there
            try (RecordReader r = reader(stream, ReaderOptions.defaults())) {
                while (r.next() != null) {
                    // the records up to END
                }
                StreamFormatException e = formatError(r::expectEndOfInput);
                assertThat(e.problem()).as(where).startsWith(Break.AFTER_END.reading() + ": " + RecordType.name(type));
                assertThat(e.offset()).as(where).isEqualTo(recordOffset(path));
            }
            return;
        }
        if (expected.isEmpty()) {
            try (RecordReader r = reader(stream, ReaderOptions.defaults())) {
                for (int i = 0; i < path.size(); i++) {
                    r.next();
                }
                assertThat(r.next().type()).as(where).isEqualTo(type);
            }
            return;
        }
        // strict: the first rule broken stops reading, at the record
        StreamFormatException e = formatError(() -> readAll(stream));
        assertThat(e.problem()).as(where).isEqualTo(expected.get(0).reading());
        assertThat(e.recordIndex()).as(where).isEqualTo(path.size());
        assertThat(e.offset()).as(where).isEqualTo(recordOffset(path));
        // verifying: every rule broken is reported, and the record is read on
        List<StreamFormatException> problems = new ArrayList<>();
        try (RecordReader r = reader(stream, ReaderOptions.defaults().withProblems(Problems.collect(problems::add)))) {
            for (int i = 0; i <= path.size(); i++) {
                r.next();
            }
        }
        assertThat(problems).as(where).extracting(StreamFormatException::problem)
                .isEqualTo(expected.stream().map(Break::reading).toList());
    }

    // ---- streams built by hand ---------------------------------------------------------------

    /** A body each kind of record may have: a SECTION header for "s", JSON, nothing, three octets. */
    private static byte[] body(int type) {
        return switch (type) {
            case RecordType.SECTION -> ByteBuffer.allocate(11).putInt(0).putInt(1).putShort((short) 1).put((byte) 's')
                    .array();
            case RecordType.DESCRIPTION -> "{}".getBytes(StandardCharsets.UTF_8);
            case APP -> new byte[] {1, 2, 3};
            default -> new byte[0];
        };
    }

    /** The version header as the writer writes it, before any record. */
    private static byte[] header() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults())) {
            w.flush();
        }
        return out.toByteArray();
    }

    /** The header, the records of {@code path} with their usual bodies, then one of {@code type} with {@code body}. */
    private static byte[] stream(List<Integer> path, int type, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header());
        for (int before : path) {
            out.write(record(before, body(before)));
        }
        out.write(record(type, body));
        return out.toByteArray();
    }

    /** Type, length, body, zero padding to 8: section 7 without a trailer. */
    private static byte[] record(int type, byte[] body) {
        return ByteBuffer.allocate(8 + (body.length + 7 & ~7)).putInt(type).putInt(body.length).put(body).array();
    }

    private static long recordOffset(List<Integer> path) throws IOException {
        long at = header().length;
        for (int before : path) {
            at += record(before, body(before)).length;
        }
        return at;
    }

    private static RecordReader reader(byte[] stream, ReaderOptions options) throws IOException {
        return RecordReader.open(ByteBuffer.wrap(stream), options.withApplicationTypes(Map.of(APP, "APP")));
    }

    private static void readAll(byte[] stream) throws IOException {
        try (RecordReader r = reader(stream, ReaderOptions.defaults())) {
            while (r.next() != null) {
                // every record
            }
        }
    }

    private static StreamFormatException formatError(ThrowingCallable action) {
        StreamFormatException e = catchThrowableOfType(StreamFormatException.class, action);
        assertThat(e).as("the error the reader reports").isNotNull();
        return e;
    }
}
