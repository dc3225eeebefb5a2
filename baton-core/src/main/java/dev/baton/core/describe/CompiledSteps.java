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
    private static final Step<Object> A = step(0);
    private static final Step<Object> B = step(1);
    private static final Step<Object> C = step(2);
    private static final Step<Object> D = step(3);
    private static final Step<Object> E = step(4);
    private static final Step<Object> F = step(5);
    private static final Step<Object> G = step(6);
    private static final Step<Object> H = step(7);

    private static Step<Object> step(int i) {
        try {
            @SuppressWarnings("unchecked")
            Step<Object> s = MethodHandles.classDataAt(MethodHandles.lookup(), ConstantDescs.DEFAULT_NAME, Step.class, i);
            return s;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void save(Object obj, BodyWriter out, DescriptionContext ctx) {
        A.save(obj, out, ctx);
        B.save(obj, out, ctx);
        C.save(obj, out, ctx);
        D.save(obj, out, ctx);
        E.save(obj, out, ctx);
        F.save(obj, out, ctx);
        G.save(obj, out, ctx);
        H.save(obj, out, ctx);
    }

    @Override
    public void load(Object obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
        A.load(obj, in, ctx);
        B.load(obj, in, ctx);
        C.load(obj, in, ctx);
        D.load(obj, in, ctx);
        E.load(obj, in, ctx);
        F.load(obj, in, ctx);
        G.load(obj, in, ctx);
        H.load(obj, in, ctx);
    }
}
