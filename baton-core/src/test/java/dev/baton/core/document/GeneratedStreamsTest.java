package dev.baton.core.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.describe.DescriptionBuilder;
import dev.baton.core.describe.FieldKind;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.Part;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The property of decode and encode, over streams made up from a seed: random descriptions (every
 * field kind, nested up to two deep, {@code since}, {@code when}, subsections, pinned versions),
 * random values at the edges of each kind, both byte orders, checksums on and off, optional
 * records of the application's; each decodes into its fields, every section of it, and its
 * document encodes to the very same octets. A failing seed names itself, to be run again alone.
 */
class GeneratedStreamsTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aGeneratedStreamComesBackOctetForOctet(long seed) throws IOException {
        Generator g = new Generator(new Random(seed));
        byte[] stream = g.stream();
        Map<String, Object> doc = Documents.roundTrip(stream);
        if (g.described) {
            assertThat(Documents.undecoded(doc)).as("seed %d: sections kept as octets", seed).isEmpty();
        } else { // a tenth of the streams have no DESCRIPTION: their sections stay octets
            assertThat(Documents.undecoded(doc)).as("seed %d", seed).isNotEmpty()
                    .allMatch(s -> s.endsWith(": the stream has no DESCRIPTION"));
        }
    }

    /** An object of a generated description: its values by slot, as the description's accessors number them. */
    static final class Slots {
        final Object[] v = new Object[64];
    }

    enum Color {
        RED(1), GREEN(7), BLUE(300);

        final int id;

        Color(int id) {
            this.id = id;
        }

        static Color byId(int id) {
            for (Color c : values()) {
                if (c.id == id) {
                    return c;
                }
            }
            return null;
        }
    }

    /** A generated description and how to make an object of it with random values. */
    record Made(StateDescription<Slots> description, List<Consumer<Slots>> fill) {
        Slots values() {
            Slots s = new Slots();
            fill.forEach(f -> f.accept(s));
            return s;
        }
    }

    /** Makes descriptions, values and a stream from one Random. */
    static final class Generator {
        private static final String CHARS = "az AZ09\u0000\n\t\u001b\"\\/\u007f\u0085é\u00ff\u0100스\u2028\uFFFF";
        private final Random rnd;
        private int names;
        /** {@code when} fields left for the section being made: each doubles the ways it may be read. */
        private int whenLeft;
        /** Whether the stream has a DESCRIPTION. */
        boolean described;

        Generator(Random rnd) {
            this.rnd = rnd;
        }

        byte[] stream() throws IOException {
            SectionRegistry registry = new SectionRegistry();
            Map<String, Integer> pins = new LinkedHashMap<>();
            int sections = 1 + rnd.nextInt(4);
            for (int i = 0; i < sections; i++) {
                whenLeft = 4;
                Made m = description("d" + names++, 0, true);
                StateDescription<Slots> d = m.description();
                registry.register(d.name(), rnd.nextInt(3), d, m.values(), rnd.nextBoolean() ? Part.STATIC : Part.DYNAMIC);
                if (rnd.nextInt(3) == 0) {
                    pins.put(d.name(), 1 + rnd.nextInt(d.version())); // written for an older release
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            WriterOptions options = WriterOptions.defaults()
                    .withByteOrder(rnd.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .withChecksums(rnd.nextBoolean()).withProducer("gen", string().replace("\u0000", "")).withProfile(rnd.nextBoolean() ? ""
                            : "r" + rnd.nextInt(9)).withCreated(Instant.ofEpochMilli(rnd.nextLong() >> 20));
            try (RecordWriter w = RecordWriter.open(out, options)) {
                described = rnd.nextInt(10) > 0;
                StateSaver.Save save = StateSaver.of(registry).withVersions(pins).withDescription(described)
                        .writeSections(w);
                if (rnd.nextBoolean()) {
                    w.begin(0xC000_0000 | rnd.nextInt(1 << 20)).put(bytes(rnd.nextInt(20))).end();
                }
                save.end();
            }
            return out.toByteArray();
        }

        /**
         * A description of 1 to 8 fields of random kinds; {@code whenAllowed} is false for one
         * that is an element of a list, map or array, where each element would double the ways.
         */
        Made description(String name, int depth, boolean whenAllowed) {
            int version = 1 + rnd.nextInt(3);
            DescriptionBuilder<Slots> b = StateDescription.<Slots>builder(name, Slots::new).version(version)
                    .minimumVersion(1);
            List<Consumer<Slots>> fill = new ArrayList<>();
            int[] slot = {0};
            int n = 1 + rnd.nextInt(8);
            for (int i = 0; i < n; i++) {
                String f = "f" + i;
                boolean unused = field(b, name, f, depth, whenAllowed, slot, fill);
                if (version > 1 && rnd.nextInt(4) == 0) {
                    b.since(1 + rnd.nextInt(version));
                }
                if (!unused && whenAllowed && whenLeft > 0 && rnd.nextInt(5) == 0) {
                    whenLeft--;
                    int h = slot[0]++;
                    b.when("holds-" + f, (s, ctx) -> (Boolean) s.v[h]);
                    fill.add(s -> s.v[h] = rnd.nextBoolean());
                }
            }
            if (depth < 2 && rnd.nextInt(3) == 0) {
                int k = slot[0]++;
                Made sub = description(name + "/s" + names++, depth + 1, whenAllowed);
                b.subsection(sub.description(), s -> (Slots) s.v[k], (s, x) -> s.v[k] = x, (s, ctx) -> s.v[k] != null);
                fill.add(s -> s.v[k] = rnd.nextBoolean() ? sub.values() : null);
            }
            return new Made(b.build(), fill);
        }

        /** Adds one field of a random kind; true when it is unused padding, which has no value. */
        private boolean field(DescriptionBuilder<Slots> b, String name, String f, int depth, boolean whenAllowed,
                int[] slot, List<Consumer<Slots>> fill) {
            int k = slot[0]++;
            int kinds = depth < 2 ? 28 : 20;
            switch (rnd.nextInt(kinds)) {
                case 0 -> {
                    b.bool(f, s -> (Boolean) s.v[k], (s, x) -> s.v[k] = x);
                    fill.add(s -> s.v[k] = rnd.nextBoolean());
                }
                case 1 -> small(b, f, FieldKind.U8, k, fill, 0, 255);
                case 2 -> small(b, f, FieldKind.S8, k, fill, -128, 127);
                case 3 -> small(b, f, FieldKind.U16, k, fill, 0, 65535);
                case 4 -> small(b, f, FieldKind.S16, k, fill, -32768, 32767);
                case 5 -> {
                    b.u32(f, s -> (Long) s.v[k], (s, x) -> s.v[k] = x);
                    fill.add(s -> s.v[k] = edge(0xFFFF_FFFFL) & 0xFFFF_FFFFL);
                }
                case 6 -> {
                    b.s32(f, s -> (Integer) s.v[k], (s, x) -> s.v[k] = x);
                    fill.add(s -> s.v[k] = (int) edge(Integer.MAX_VALUE));
                }
                case 7 -> {
                    b.u64(f, s -> (Long) s.v[k], (s, x) -> s.v[k] = x);
                    fill.add(s -> s.v[k] = edge(-1L));
                }
                case 8 -> {
                    b.s64(f, s -> (Long) s.v[k], (s, x) -> s.v[k] = x);
                    fill.add(s -> s.v[k] = edge(Long.MIN_VALUE));
                }
                case 9 -> {
                    b.f32(f, s -> (Double) s.v[k], (s, x) -> s.v[k] = x);
                    fill.add(s -> s.v[k] = (double) (float) floating());
                }
                case 10 -> {
                    b.f64(f, s -> (Double) s.v[k], (s, x) -> s.v[k] = x);
                    fill.add(s -> s.v[k] = floating());
                }
                case 11 -> {
                    b.string(f, s -> (String) s.v[k], (s, x) -> s.v[k] = x);
                    fill.add(s -> s.v[k] = string());
                }
                case 12 -> {
                    b.nullableString(f, s -> (String) s.v[k], (s, x) -> s.v[k] = x);
                    fill.add(s -> s.v[k] = rnd.nextBoolean() ? null : string());
                }
                case 13 -> {
                    b.strings(f, s -> strings(s.v[k]), (s, x) -> s.v[k] = x);
                    fill.add(s -> {
                        List<String> l = new ArrayList<>();
                        for (int i = rnd.nextInt(4); i > 0; i--) {
                            l.add(string());
                        }
                        s.v[k] = l;
                    });
                }
                case 14 -> {
                    int size = rnd.nextInt(7);
                    b.bytes(f, size, s -> (byte[]) s.v[k], (s, x) -> s.v[k] = x);
                    fill.add(s -> s.v[k] = bytes(size));
                }
                case 15 -> {
                    int c = counted(b, f, slot);
                    b.vbytes(f, f + "n", s -> (byte[]) s.v[k], (s, x) -> s.v[k] = x);
                    fill.add(s -> {
                        byte[] v = bytes(rnd.nextInt(9));
                        s.v[k] = v;
                        s.v[c] = v.length;
                    });
                }
                case 16, 17 -> scalars(b, f, k, slot, fill, rnd.nextBoolean());
                case 18 -> {
                    b.enumeration(f, Color.class, c -> c.id, Color::byId, s -> (Color) s.v[k], (s, x) -> s.v[k] = x);
                    fill.add(s -> s.v[k] = Color.values()[rnd.nextInt(3)]);
                }
                case 19 -> {
                    b.unused(1 + rnd.nextInt(4));
                    return true;
                }
                case 20 -> nested(b, f, name, depth, whenAllowed, k, fill, 0);
                case 21 -> nested(b, f, name, depth, whenAllowed, k, fill, 1);
                case 22 -> nested(b, f, name, depth, whenAllowed, k, fill, 2);
                default -> sequence(b, f, name, depth, k, slot, fill);
            }
            return false;
        }

        private void small(DescriptionBuilder<Slots> b, String f, FieldKind kind, int k, List<Consumer<Slots>> fill,
                int min, int max) {
            switch (kind) {
                case U8 -> b.u8(f, s -> (Integer) s.v[k], (s, x) -> s.v[k] = x);
                case S8 -> b.s8(f, s -> (Integer) s.v[k], (s, x) -> s.v[k] = x);
                case U16 -> b.u16(f, s -> (Integer) s.v[k], (s, x) -> s.v[k] = x);
                default -> b.s16(f, s -> (Integer) s.v[k], (s, x) -> s.v[k] = x);
            }
            fill.add(s -> s.v[k] = rnd.nextBoolean() ? (rnd.nextBoolean() ? min : max) : min + rnd.nextInt(max - min + 1));
        }

        /** A u8 count field named after the field it counts; returns its slot. */
        private int counted(DescriptionBuilder<Slots> b, String f, int[] slot) {
            int c = slot[0]++;
            b.u8(f + "n", s -> (Integer) s.v[c], (s, x) -> s.v[c] = x);
            return c;
        }

        /** An array of scalars, fixed or counted by a field. */
        private void scalars(DescriptionBuilder<Slots> b, String f, int k, int[] slot, List<Consumer<Slots>> fill,
                boolean counted) {
            FieldKind[] kinds = {FieldKind.U8, FieldKind.S16, FieldKind.U32, FieldKind.S64, FieldKind.U64,
                FieldKind.F32, FieldKind.F64};
            FieldKind e = kinds[rnd.nextInt(kinds.length)];
            int fixed = rnd.nextInt(4);
            int c = counted ? counted(b, f, slot) : -1;
            boolean doubles = e == FieldKind.F32 || e == FieldKind.F64;
            boolean ints = e == FieldKind.U8 || e == FieldKind.S16;
            if (doubles) {
                if (counted) {
                    b.doubleVarray(f, e, f + "n", s -> (double[]) s.v[k], (s, x) -> s.v[k] = x);
                } else {
                    b.doubleArray(f, e, fixed, s -> (double[]) s.v[k], (s, x) -> s.v[k] = x);
                }
            } else if (ints) {
                if (counted) {
                    b.intVarray(f, e, f + "n", s -> (int[]) s.v[k], (s, x) -> s.v[k] = x);
                } else {
                    b.intArray(f, e, fixed, s -> (int[]) s.v[k], (s, x) -> s.v[k] = x);
                }
            } else if (counted) {
                b.longVarray(f, e, f + "n", s -> (long[]) s.v[k], (s, x) -> s.v[k] = x);
            } else {
                b.longArray(f, e, fixed, s -> (long[]) s.v[k], (s, x) -> s.v[k] = x);
            }
            fill.add(s -> {
                int n = counted ? rnd.nextInt(5) : fixed;
                if (counted) {
                    s.v[c] = n;
                }
                if (doubles) {
                    double[] a = new double[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = e == FieldKind.F32 ? (float) floating() : floating();
                    }
                    s.v[k] = a;
                } else if (ints) {
                    int[] a = new int[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = e == FieldKind.U8 ? rnd.nextInt(256) : (short) rnd.nextInt();
                    }
                    s.v[k] = a;
                } else {
                    long[] a = new long[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = e == FieldKind.U32 ? rnd.nextLong() & 0xFFFF_FFFFL : edge(rnd.nextLong());
                    }
                    s.v[k] = a;
                }
            });
        }

        /** A struct (0), a versioned struct (1) or a nullable (2) of a new nested description. */
        private void nested(DescriptionBuilder<Slots> b, String f, String name, int depth, boolean whenAllowed, int k,
                List<Consumer<Slots>> fill, int which) {
            Made m = description(name + "." + f + names++, depth + 1, whenAllowed);
            switch (which) {
                case 0 -> b.struct(f, m.description(), s -> (Slots) s.v[k], (s, x) -> s.v[k] = x);
                case 1 -> b.versionedStruct(f, m.description(), s -> (Slots) s.v[k], (s, x) -> s.v[k] = x);
                default -> b.nullable(f, m.description(), s -> (Slots) s.v[k], (s, x) -> s.v[k] = x);
            }
            fill.add(s -> s.v[k] = which == 2 && rnd.nextBoolean() ? null : m.values());
        }

        /** A list, a map by string or by s64, or an array (fixed or counted) of a new nested description. */
        @SuppressWarnings("unchecked")
        private void sequence(DescriptionBuilder<Slots> b, String f, String name, int depth, int k, int[] slot,
                List<Consumer<Slots>> fill) {
            Made m = description(name + "." + f + names++, depth + 1, false);
            int which = rnd.nextInt(5);
            int fixed = rnd.nextInt(3);
            int c = which == 4 ? counted(b, f, slot) : -1;
            switch (which) {
                case 0 -> b.list(f, m.description(), s -> (List<Slots>) s.v[k], (s, x) -> s.v[k] = x);
                case 1 -> b.map(f, m.description(), s -> (Map<String, Slots>) s.v[k], (s, x) -> s.v[k] = x);
                case 2 -> b.longMap(f, m.description(), s -> (Map<Long, Slots>) s.v[k], (s, x) -> s.v[k] = x);
                case 3 -> b.structArray(f, m.description(), fixed, s -> (List<Slots>) s.v[k], (s, x) -> s.v[k] = x);
                default -> b.structVarray(f, m.description(), f + "n", s -> (List<Slots>) s.v[k], (s, x) -> s.v[k] = x);
            }
            fill.add(s -> {
                int n = which == 3 ? fixed : rnd.nextInt(4);
                if (which == 1 || which == 2) {
                    Map<Object, Slots> map = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        map.put(which == 1 ? string() + i : (Object) (edge(rnd.nextLong()) + i), m.values());
                    }
                    s.v[k] = map;
                    return;
                }
                List<Slots> l = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    l.add(m.values());
                }
                s.v[k] = l;
                if (which == 4) {
                    s.v[c] = n;
                }
            });
        }

        @SuppressWarnings("unchecked")
        private static List<String> strings(Object v) {
            return (List<String>) v;
        }

        /** A whole number, often at an edge: 0, 1, {@code max}, or random bits. */
        private long edge(long max) {
            return switch (rnd.nextInt(5)) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> max;
                default -> rnd.nextLong();
            };
        }

        private double floating() {
            return switch (rnd.nextInt(10)) {
                case 0 -> -0.0;
                case 1 -> Double.NaN;
                case 2 -> Double.POSITIVE_INFINITY;
                case 3 -> Double.NEGATIVE_INFINITY;
                case 4 -> Double.MIN_VALUE;
                case 5 -> Float.MAX_VALUE;
                case 6 -> 0.1;
                default -> (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(40) - 20);
            };
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            for (int i = rnd.nextInt(8); i > 0; i--) {
                if (rnd.nextInt(10) == 0) {
                    sb.appendCodePoint(0x1F600 + rnd.nextInt(50)); // a pair of surrogates
                } else {
                    sb.append(CHARS.charAt(rnd.nextInt(CHARS.length())));
                }
            }
            return sb.toString();
        }

        private byte[] bytes(int n) {
            byte[] b = new byte[n];
            rnd.nextBytes(b);
            return b;
        }
    }
}
