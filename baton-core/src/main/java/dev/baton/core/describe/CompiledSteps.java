package dev.baton.core.describe;

import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;

/**
 * The template of the classes {@link StepCompiler} defines: never loaded under its own name,
 * its class file is defined again and again as a hidden class whose class data is a list of
 * eight steps (the unused ones {@link StepCompiler.Nothing}). They become {@code static final}
 * constants, and each hidden class's {@code save} and {@code load} are compiled apart from every
 * other's, so the JIT inlines those steps, and the codecs and accessors below them, into them.
 * One shared class holding the steps in fields or an array would be compiled once for all
 * descriptions, each of its calls seeing a different step every time.
 */
final class CompiledSteps implements Step<Object> {
    private static final Step<Object> S00 = step(0);
    private static final Step<Object> S01 = step(1);
    private static final Step<Object> S02 = step(2);
    private static final Step<Object> S03 = step(3);
    private static final Step<Object> S04 = step(4);
    private static final Step<Object> S05 = step(5);
    private static final Step<Object> S06 = step(6);
    private static final Step<Object> S07 = step(7);

    private static Step<Object> step(int i) {
        try {
            @SuppressWarnings("unchecked")
            Step<Object> s = MethodHandles.classDataAt(MethodHandles.lookup(), ConstantDescs.DEFAULT_NAME,
                    Step.class, i);
            return s;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void save(Object obj, BodyWriter out, DescriptionContext ctx) {
        S00.save(obj, out, ctx);
        S01.save(obj, out, ctx);
        S02.save(obj, out, ctx);
        S03.save(obj, out, ctx);
        S04.save(obj, out, ctx);
        S05.save(obj, out, ctx);
        S06.save(obj, out, ctx);
        S07.save(obj, out, ctx);
    }

    @Override
    public void load(Object obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
        S00.load(obj, in, ctx);
        S01.load(obj, in, ctx);
        S02.load(obj, in, ctx);
        S03.load(obj, in, ctx);
        S04.load(obj, in, ctx);
        S05.load(obj, in, ctx);
        S06.load(obj, in, ctx);
        S07.load(obj, in, ctx);
    }
}
