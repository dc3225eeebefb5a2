package dev.baton.core.describe;

import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a description's field steps into one step the JIT can compile as a whole: a tree of
 * hidden classes defined from {@link CompiledSteps}, eight steps to a class, so that nine
 * classes hold 64 fields and every field is a constant of the class that runs it. Where hidden
 * classes cannot be defined (the template's class file is not readable in some packaging) the
 * steps run from a plain loop: the same octets, only slower.
 */
final class StepCompiler {
    /**
     * Steps per class. Narrower classes each compile whole (C2 stops inlining at a budget per
     * compilation); wider ones save calls between them. Measured for 4, 6, 8, 10, 12, 16, 24
     * and 32 (docs/PERFORMANCE.md): 6 to 10 are best, 16 and up much slower to load.
     */
    static final int WIDTH = 8;
    private static final byte[] TEMPLATE = template();
    /** Whether a description has had to run uncompiled; logged the first time only. */
    private static volatile boolean fellBack;

    private StepCompiler() {
    }

    /** The steps in order, as one step. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> Step<T> compile(List<? extends Step<T>> steps) {
        if (TEMPLATE == null) {
            return new Loop<>(steps.toArray(new Step[0]));
        }
        List<Step<T>> level = new ArrayList<>(steps);
        do {
            List<Step<T>> up = new ArrayList<>();
            for (int i = 0; i < level.size(); i += WIDTH) {
                up.add(define(level.subList(i, Math.min(level.size(), i + WIDTH))));
            }
            level = up;
        } while (level.size() > 1);
        return level.isEmpty() ? define(List.of()) : level.get(0);
    }

    /** A hidden class that runs these (at most eight) steps. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Step<T> define(List<Step<T>> steps) {
        List<Step<T>> eight = new ArrayList<>(steps);
        while (eight.size() < WIDTH) {
            eight.add(new Nothing<>());
        }
        try {
            Class<?> c = MethodHandles.lookup().defineHiddenClassWithClassData(TEMPLATE, List.copyOf(eight), true)
                    .lookupClass();
            return (Step<T>) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // Some runtimes cannot define classes at run time (a native image, say): run the steps
            // from a loop instead, the same octets, and say so once.
            if (!fellBack) {
                fellBack = true;
                System.getLogger(StepCompiler.class.getName()).log(System.Logger.Level.WARNING,
                        "descriptions run uncompiled (slower) because hidden classes cannot be defined here: " + e);
            }
            return new Loop<>(steps.toArray(new Step[0]));
        }
    }

    /** Whether descriptions get compiled steps here (else they run {@link Loop}s), for tests. */
    static boolean compiles() {
        return TEMPLATE != null;
    }

    private static byte[] template() {
        try (InputStream in = StepCompiler.class.getResourceAsStream("CompiledSteps.class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /** No step: fills a compiled class's unused slots, and inlines to nothing. */
    record Nothing<T>() implements Step<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) {
        }
    }

    /** Steps run from an array: what descriptions fall back to when classes cannot be defined. */
    record Loop<T>(Step<T>[] steps) implements Step<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            for (Step<T> s : steps) {
                s.save(obj, out, ctx);
            }
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            for (Step<T> s : steps) {
                s.load(obj, in, ctx);
            }
        }
    }
}
