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
    private static final Step<Object> S08 = step(8);
    private static final Step<Object> S09 = step(9);
    private static final Step<Object> S10 = step(10);
    private static final Step<Object> S11 = step(11);
    private static final Step<Object> S12 = step(12);
    private static final Step<Object> S13 = step(13);
    private static final Step<Object> S14 = step(14);
    private static final Step<Object> S15 = step(15);
    private static final Step<Object> S16 = step(16);
    private static final Step<Object> S17 = step(17);
    private static final Step<Object> S18 = step(18);
    private static final Step<Object> S19 = step(19);
    private static final Step<Object> S20 = step(20);
    private static final Step<Object> S21 = step(21);
    private static final Step<Object> S22 = step(22);
    private static final Step<Object> S23 = step(23);
    private static final Step<Object> S24 = step(24);
    private static final Step<Object> S25 = step(25);
    private static final Step<Object> S26 = step(26);
    private static final Step<Object> S27 = step(27);
    private static final Step<Object> S28 = step(28);
    private static final Step<Object> S29 = step(29);
    private static final Step<Object> S30 = step(30);
    private static final Step<Object> S31 = step(31);

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
        S00.save(obj, out, ctx);
        S01.save(obj, out, ctx);
        S02.save(obj, out, ctx);
        S03.save(obj, out, ctx);
        S04.save(obj, out, ctx);
        S05.save(obj, out, ctx);
        S06.save(obj, out, ctx);
        S07.save(obj, out, ctx);
        S08.save(obj, out, ctx);
        S09.save(obj, out, ctx);
        S10.save(obj, out, ctx);
        S11.save(obj, out, ctx);
        S12.save(obj, out, ctx);
        S13.save(obj, out, ctx);
        S14.save(obj, out, ctx);
        S15.save(obj, out, ctx);
        S16.save(obj, out, ctx);
        S17.save(obj, out, ctx);
        S18.save(obj, out, ctx);
        S19.save(obj, out, ctx);
        S20.save(obj, out, ctx);
        S21.save(obj, out, ctx);
        S22.save(obj, out, ctx);
        S23.save(obj, out, ctx);
        S24.save(obj, out, ctx);
        S25.save(obj, out, ctx);
        S26.save(obj, out, ctx);
        S27.save(obj, out, ctx);
        S28.save(obj, out, ctx);
        S29.save(obj, out, ctx);
        S30.save(obj, out, ctx);
        S31.save(obj, out, ctx);
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
        S08.load(obj, in, ctx);
        S09.load(obj, in, ctx);
        S10.load(obj, in, ctx);
        S11.load(obj, in, ctx);
        S12.load(obj, in, ctx);
        S13.load(obj, in, ctx);
        S14.load(obj, in, ctx);
        S15.load(obj, in, ctx);
        S16.load(obj, in, ctx);
        S17.load(obj, in, ctx);
        S18.load(obj, in, ctx);
        S19.load(obj, in, ctx);
        S20.load(obj, in, ctx);
        S21.load(obj, in, ctx);
        S22.load(obj, in, ctx);
        S23.load(obj, in, ctx);
        S24.load(obj, in, ctx);
        S25.load(obj, in, ctx);
        S26.load(obj, in, ctx);
        S27.load(obj, in, ctx);
        S28.load(obj, in, ctx);
        S29.load(obj, in, ctx);
        S30.load(obj, in, ctx);
        S31.load(obj, in, ctx);
    }
}
