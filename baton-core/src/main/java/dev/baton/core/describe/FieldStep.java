package dev.baton.core.describe;

import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Saves and loads one {@link Field}: decides whether it is on the wire ({@code since} and
 * {@code when}), then runs its codec, its {@code equal} comparison and its check, naming the
 * field in every error. A record, so the codec and predicates are constants once compiled.
 */
record FieldStep<T>(String name, Codec<T> codec, int since, BiPredicate<T, Context> when, boolean mustExist,
        boolean equal, Predicate<T> check, String checkMessage) implements Step<T> {

    static <T> FieldStep<T> of(Field<T> f) {
        return new FieldStep<>(f.name, f.codec, f.since, f.when, f.mustExist, f.equal, f.check, f.checkMessage);
    }

    /** Whether the field is on the wire for this object at the context's version. */
    private boolean present(T obj, DescriptionContext ctx) {
        return (since == 0 || ctx.version() >= since) && (when == null || when.test(obj, ctx));
    }

    @Override
    public void save(T obj, BodyWriter out, DescriptionContext ctx) {
        if (present(obj, ctx)) {
            codec.save(obj, out, ctx);
        }
    }

    @Override
    public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
        if (!present(obj, ctx)) {
            if (mustExist) {
                throw in.error("field must exist but the stream's version " + ctx.version()
                        + " does not carry it").atPath(name);
            }
            return;
        }
        try {
            if (equal) {
                String mismatch = codec.compare(obj, in, ctx);
                if (mismatch != null) {
                    throw in.error("must equal the local value: " + mismatch);
                }
            } else {
                codec.load(obj, in, ctx);
            }
            if (check != null && !check.test(obj)) {
                throw in.error("check failed: " + checkMessage);
            }
        } catch (StreamFormatException e) {
            throw e.atPath(name);
        }
    }
}
