package dev.baton.core.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiled steps (a tree of hidden classes, eight steps each) save and load exactly what the
 * plain loop over the fields does, for descriptions of every shape of tree: empty, one class,
 * full classes, one step over, and deeper than two levels.
 */
class StepCompilerTest {
    /** Instance id, section version, idstr length and "wide", before the section data. */
    private static final int SECTION_HEADER = 4 + 4 + 2 + 4;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 64, 65, 512, 513, 600})
    void compiledStepsWriteAndReadWhatTheLoopDoes(int n) throws Exception {
        assertThat(StepCompiler.compiles()).as("this build defines hidden classes").isTrue();
        List<FieldStep<long[]>> fields = fields(n);
        Step<long[]> compiled = StepCompiler.compile(fields);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Step<long[]> loop = new StepCompiler.Loop<>(fields.toArray(new Step[0]));
        assertThat(compiled).isNotInstanceOf(StepCompiler.Loop.class);

        long[] value = new long[n];
        Arrays.setAll(value, i -> i % 3 == 0 ? -i : (long) i << (i % 40));
        byte[] fromCompiled = data(out -> compiled.save(value, out, DescriptionContext.empty()));
        byte[] fromLoop = data(out -> loop.save(value, out, DescriptionContext.empty()));
        assertThat(fromCompiled).hasSize(n * 8).isEqualTo(fromLoop);

        long[] loaded = new long[n];
        compiled.load(loaded, SectionInput.of(ByteBuffer.wrap(fromCompiled)), DescriptionContext.empty());
        assertThat(loaded).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 65})
    void aTruncatedLoadNamesTheSameFieldEitherWay(int n) {
        List<FieldStep<long[]>> fields = fields(n);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Step<long[]> loop = new StepCompiler.Loop<>(fields.toArray(new Step[0]));
        ByteBuffer truncated = ByteBuffer.allocate(n * 8 - 3);
        String compiledError = errorOf(StepCompiler.compile(fields), truncated.duplicate(), n);
        assertThat(compiledError).contains("f" + (n - 1)).isEqualTo(errorOf(loop, truncated.duplicate(), n));
    }

    static Stream<Arguments> cutsInBothOrders() {
        return Stream.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)
                .flatMap(order -> IntStream.of(0, 5, 12, 13, 20).mapToObj(cut -> Arguments.of(order, cut)));
    }

    @ParameterizedTest
    @MethodSource("cutsInBothOrders")
    void runsOfFixedSizeFieldsWriteAndFailAsFieldsOneByOne(ByteOrder order, int cut) throws Exception {
        StateDescription<Mixed> d = Mixed.DESCRIPTION;
        Step<Mixed> runs = StepCompiler.compile(FixedRun.plan(d.fields()));
        @SuppressWarnings("unchecked")
        Step<Mixed> oneByOne = new StepCompiler.Loop<>(d.fields().stream().map(FieldStep::of).toArray(Step[]::new));
        assertThat(FixedRun.plan(d.fields())).hasAtLeastOneElementOfType(FixedRun.class);

        Mixed m = new Mixed();
        byte[] data = data(order, out -> runs.save(m, out, DescriptionContext.empty()));
        assertThat(data).isEqualTo(data(order, out -> oneByOne.save(m, out, DescriptionContext.empty())));
        Mixed loaded = new Mixed();
        runs.load(loaded, SectionInput.of(ByteBuffer.wrap(data).order(order)), DescriptionContext.empty());
        assertThat(loaded).usingRecursiveComparison().isEqualTo(m);

        ByteBuffer truncated = ByteBuffer.wrap(Arrays.copyOf(data, cut)).order(order);
        assertThat(errorOf(runs, truncated.duplicate().order(order)))
                .isEqualTo(errorOf(oneByOne, truncated.duplicate().order(order)))
                .contains("section data ends");
        byte[] badBool = data.clone();
        badBool[Mixed.FLAG_AT] = 7;
        assertThat(errorOf(runs, ByteBuffer.wrap(badBool).order(order)))
                .isEqualTo(errorOf(oneByOne, ByteBuffer.wrap(badBool).order(order)))
                .contains("flag").contains("bool octet is 7");
    }

    /** Two runs of fixed-size fields (one with a bool) around a string, and a lone scalar. */
    static final class Mixed {
        static final int FLAG_AT = 4 + 2;
        static final StateDescription<Mixed> DESCRIPTION = StateDescription.<Mixed>builder("mixed")
                .s32("a", m -> m.a, (m, v) -> m.a = v)
                .u16("b", m -> m.b, (m, v) -> m.b = v)
                .bool("flag", m -> m.flag, (m, v) -> m.flag = v)
                .string("s", m -> m.s, (m, v) -> m.s = v)
                .f64("c", m -> m.c, (m, v) -> m.c = v)
                .u8("d", m -> m.d, (m, v) -> m.d = v)
                .s64("e", m -> m.e, (m, v) -> m.e = v).since(1)
                .build();
        int a = -5;
        int b = 65535;
        boolean flag = true;
        String s = "x";
        double c = 2.5;
        int d = 200;
        long e = 1L << 40;
    }

    private static String errorOf(Step<Mixed> steps, ByteBuffer data) {
        try {
            steps.load(new Mixed(), SectionInput.of(data), DescriptionContext.empty());
        } catch (StreamFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("loading the data did not fail");
    }

    private static String errorOf(Step<long[]> steps, ByteBuffer data, int n) {
        try {
            steps.load(new long[n], SectionInput.of(data), DescriptionContext.empty());
        } catch (StreamFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("loading truncated data did not fail");
    }

    private static List<FieldStep<long[]>> fields(int n) {
        DescriptionBuilder<long[]> b = StateDescription.builder("wide");
        for (int i = 0; i < n; i++) {
            int index = i;
            b.s64("f" + i, v -> v[index], (v, x) -> v[index] = x);
        }
        return b.build().fields().stream().map(FieldStep::of).toList();
    }

    private static byte[] data(java.util.function.Consumer<BodyWriter> save) throws Exception {
        return data(ByteOrder.BIG_ENDIAN, save);
    }

    private static byte[] data(ByteOrder order, java.util.function.Consumer<BodyWriter> save) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(bytes, WriterOptions.defaults().withByteOrder(order))) {
            BodyWriter body = w.beginSection("wide", 0, 1);
            int start = body.length();
            save.accept(body);
            assertThat(body.length() - start).isNotNegative();
            body.end();
        }
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(bytes.toByteArray()), ReaderOptions.defaults())) {
            ByteBuffer body = r.next().body();
            byte[] data = new byte[body.remaining()];
            body.get(data);
            return Arrays.copyOfRange(data, SECTION_HEADER, data.length);
        }
    }
}
