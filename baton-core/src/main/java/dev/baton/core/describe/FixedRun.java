package dev.baton.core.describe;

import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.StreamFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * The first step of a run of fixed-size fields that are always on the wire: it checks room for
 * the whole run once, and each field of the run then puts or gets its octets at a known offset
 * ({@link At}), with no position to move; {@link End} closes the run. Runs hold at most
 * {@link BodyWriter#MAX_RUN} octets, the octets the fields would write one by one. When the data
 * ends inside the run, its fields are loaded one by one instead, so that the error names the
 * field where it ends, as it would without runs.
 */
record FixedRun<T>(int size, Step<T>[] oneByOne) implements Step<T> {

    /** The steps of these fields: a run of two or more plain fixed-size fields becomes a FixedRun, Ats and End. */
    @SuppressWarnings("unchecked")
    static <T> List<Step<T>> plan(List<Field<T>> fields) {
        List<Step<T>> steps = new ArrayList<>();
        int i = 0;
        while (i < fields.size()) {
            int end = i;
            int octets = 0;
            while (end < fields.size() && inRun(fields.get(end))
                    && octets + fields.get(end).codec.minSize() <= BodyWriter.MAX_RUN) {
                octets += fields.get(end).codec.minSize();
                end++;
            }
            if (end - i < 2) {
                steps.add(FieldStep.of(fields.get(i)));
                i++;
                continue;
            }
            List<Field<T>> run = fields.subList(i, end);
            Step<T>[] oneByOne = run.stream().map(FieldStep::of).toArray(Step[]::new);
            int size = 0;
            List<Step<T>> ats = new ArrayList<>();
            for (Field<T> f : run) {
                FixedSizeCodec<T> codec = (FixedSizeCodec<T>) f.codec;
                ats.add(new At<>(f.name, codec, size));
                size += codec.minSize();
            }
            steps.add(new FixedRun<>(size, oneByOne));
            steps.addAll(ats);
            steps.add(new End<>());
            i = end;
        }
        return steps;
    }

    /** Whether the field always takes the same octets, always comes, and needs no check of its own. */
    private static boolean inRun(Field<?> f) {
        return f.codec instanceof FixedSizeCodec && f.since == 0 && f.when == null && !f.equal && f.check == null;
    }

    @Override
    public void save(T obj, BodyWriter out, DescriptionContext ctx) {
        out.reserve(size);
    }

    @Override
    public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
        if (in.take(size)) {
            return;
        }
        for (Step<T> s : oneByOne) {
            s.load(obj, in, ctx); // one of them fails: fewer than size octets remain
        }
        throw new IllegalStateException("a run of " + Plural.count(size, "octet") + " loaded from less");
    }

    /** After the run's fields: on save, copies the run into place ({@link BodyWriter#endRun}). */
    record End<T>() implements Step<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            out.endRun();
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) {
        }
    }

    /** One field of a run, at {@code at} octets from the run's start. */
    record At<T>(String name, FixedSizeCodec<T> codec, int at) implements Step<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            codec.saveAt(obj, out, at);
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            try {
                codec.loadAt(obj, in, at);
            } catch (StreamFormatException e) {
                throw e.atPath(name);
            }
        }
    }
}
