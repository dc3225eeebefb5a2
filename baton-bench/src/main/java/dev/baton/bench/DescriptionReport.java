package dev.baton.bench;

import dev.baton.bench.describe.BatonCodec;
import dev.baton.bench.describe.ForyCodec;
import dev.baton.bench.describe.KryoCodec;
import dev.baton.bench.describe.ProtobufCodec;
import dev.baton.bench.describe.Subject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link StateDescriptions} with JMH's GC profiler and prints the table of
 * docs/PERFORMANCE.md: per value and operation, each library's ops/s, its ratio to Baton's (its
 * description), the octets of the encoded value and the bytes allocated per operation
 * ({@code gc.alloc.rate.norm}). The encoded sizes are measured here, by the codecs the
 * benchmarks run, not copied by hand.
 *
 * <p>Takes JMH's own command-line options (e.g. {@code -p value=mediaContent}). With
 * {@code -prof perfnorm} (Linux perf) the table also shows CPU cycles per operation, which,
 * unlike ops/s, other work on a shared machine barely moves.
 */
public final class DescriptionReport {
    private static final String ALLOC = "gc.alloc.rate.norm";
    /** Row order within a value and operation, and the names the table gives the methods' prefixes. */
    private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("baton", "Baton (description)");
        LIBRARIES.put("batonDerived", "Baton (derived description)");
        LIBRARIES.put("batonWire", "Baton wire only (by hand)");
        LIBRARIES.put("fory", "Fory 1.6.0 compatible");
        LIBRARIES.put("kryo", "Kryo 5.6.2 CompatibleFieldSerializer");
        LIBRARIES.put("protobuf", "protobuf-java 4.36.2");
    }

    private DescriptionReport() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(StateDescriptions.class.getName() + "\\.");
        }
        if (cli.getProfilers().stream().noneMatch(p -> p.getKlass().equals(GCProfiler.class.getName())
                || p.getKlass().equals("gc"))) {
            options.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.print(table(results));
    }

    private record Row(String value, String operation, String library, double opsPerSecond, double error,
            double alloc, double cycles) {
    }

    static String table(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            String operation = method.endsWith("Save") ? "save" : "load";
            String library = method.substring(0, method.length() - 4);
            Result<?> primary = run.getPrimaryResult();
            double perSecond = perSecond(run.getParams().getTimeUnit());
            Result<?> alloc = run.getSecondaryResults().get(ALLOC);
            Result<?> cycles = run.getSecondaryResults().get("cycles");
            rows.add(new Row(run.getParams().getParam("value"), operation, library,
                    primary.getScore() * perSecond, primary.getScoreError() * perSecond,
                    alloc == null ? Double.NaN : alloc.getScore(), cycles == null ? Double.NaN : cycles.getScore()));
        }
        rows.sort((a, b) -> {
            int c = a.value.compareTo(b.value);
            if (c == 0) {
                c = -a.operation.compareTo(b.operation); // save before load
            }
            if (c == 0) {
                c = Integer.compare(order(a.library), order(b.library));
            }
            return c;
        });
        Map<String, Map<String, Integer>> sizes = new LinkedHashMap<>();
        boolean withCycles = rows.stream().anyMatch(r -> !Double.isNaN(r.cycles));
        StringBuilder out = new StringBuilder();
        out.append("| value | operation | library | ops/s (± 99.9% CI) | ratio to Baton | encoded bytes | alloc bytes/op |"
                + (withCycles ? " cycles/op |" : "") + "\n");
        out.append("|---|---|---|---:|---:|---:|---:|" + (withCycles ? "---:|" : "") + "\n");
        for (Row r : rows) {
            double baton = rows.stream().filter(b -> b.value.equals(r.value) && b.operation.equals(r.operation)
                    && b.library.equals("baton")).mapToDouble(Row::opsPerSecond).findFirst().orElse(Double.NaN);
            int size = sizes.computeIfAbsent(r.value, DescriptionReport::encodedSizes).get(r.library);
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f ± %,.0f | %.2f | %d | %s |%s%n", r.value,
                    r.operation, LIBRARIES.getOrDefault(r.library, r.library), r.opsPerSecond, r.error,
                    r.opsPerSecond / baton, size, Double.isNaN(r.alloc) ? "n/a"
                            : String.format(Locale.ROOT, "%.0f", r.alloc),
                    withCycles ? String.format(Locale.ROOT, " %,.0f |", r.cycles) : ""));
        }
        out.append("ratio = ops/s over Baton's (description) ops/s for the same value and operation; encoded bytes"
                + " = octets of one value (Baton: section data, without its record and section header); alloc ="
                + " gc.alloc.rate.norm" + (withCycles ? "; cycles/op = perfnorm's CPU cycles per operation" : "")
                + ".\n");
        for (String value : sizes.keySet()) {
            out.append(String.format(Locale.ROOT, "%s: one Baton SECTION record of it takes %d octets.%n", value,
                    new BatonCodec<>(Subject.named(value), false).recordOctets()));
        }
        return out.toString();
    }

    /** Octets of the value as each library encodes it, by the benchmarks' own codecs. */
    private static Map<String, Integer> encodedSizes(String value) {
        Subject<?> subject = Subject.named(value);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("baton", new BatonCodec<>(subject, false).encoded().length);
        sizes.put("batonDerived", derivedSize(subject));
        sizes.put("batonWire", new BatonCodec<>(subject, true).encoded().length);
        sizes.put("fory", new ForyCodec(subject).encoded().length);
        sizes.put("kryo", new KryoCodec(subject).encoded().length);
        sizes.put("protobuf", new ProtobufCodec(subject).encoded().length);
        return sizes;
    }

    private static <T> int derivedSize(Subject<T> subject) {
        return new BatonCodec<>(subject, subject.derived()).encoded().length;
    }

    private static int order(String library) {
        return new ArrayList<>(LIBRARIES.keySet()).indexOf(library);
    }

    private static double perSecond(TimeUnit unit) {
        return TimeUnit.SECONDS.toNanos(1) / (double) unit.toNanos(1);
    }
}
