package dev.baton.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the wire benchmarks ({@link FileRoundTrip}, {@link MemoryRoundTrip}) and prints their
 * results as the table docs/PERFORMANCE.md shows: time per round trip, GB/s of stream octets and
 * the ratio to the baseline of the same run. JMH reports only time per operation; the octets an
 * operation moves are known here, so the throughput and ratio are computed rather than copied by hand.
 * They are computed from the median shot, not the mean: on a shared machine a few shots are slowed
 * by other work, and the median is what the code itself costs.
 *
 * <p>Takes JMH's own command-line options, e.g. {@code -p mebibytes=256} for a quick run.
 */
public final class WireReport {
    private WireReport() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(FileRoundTrip.class.getName() + "\\.").include(MemoryRoundTrip.class.getName() + "\\.");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.print(table(results));
    }

    /** One row of the table, before the baseline of its group is known. */
    private record Row(String group, String method, int mebibytes, long n, double millis, double errorMillis,
            double medianMillis, double gbPerSecond) {
    }

    private static String table(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult run : results) {
            rows.add(row(run));
        }
        StringBuilder out = new StringBuilder();
        out.append("| benchmark | MiB of bodies | ops | mean ms/op (± 99.9% CI) | median ms/op | GB/s"
                + " | ratio to baseline |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            Double baseline = rows.stream()
                    .filter(b -> b.group.equals(r.group) && b.mebibytes == r.mebibytes && b.method.equals("baseline"))
                    .map(Row::gbPerSecond).findFirst().orElse(null);
            String ratio = baseline == null ? "n/a" : String.format(Locale.ROOT, "%.3f", r.gbPerSecond / baseline);
            out.append(String.format(Locale.ROOT, "| %s.%s | %d | %d | %.1f ± %.1f | %.1f | %.2f | %s |%n", r.group,
                    r.method, r.mebibytes, r.n, r.millis, r.errorMillis, r.medianMillis, r.gbPerSecond, ratio));
        }
        out.append("GB/s = 10^9 octets of the stream (header and framing included) per second of write plus read,"
                + " at the median shot; the ratio is of those GB/s.\n");
        return out.toString();
    }

    private static Row row(RunResult run) {
        String name = run.getParams().getBenchmark();
        int dot = name.lastIndexOf('.');
        String group = name.substring(name.lastIndexOf('.', dot - 1) + 1, dot);
        String method = name.substring(dot + 1);
        int mebibytes = Integer.parseInt(run.getParams().getParam("mebibytes"));
        // Only the checksummed benchmarks write trailers; the baselines move the plain stream's octets.
        boolean checksums = method.endsWith("Checksums");
        long octets = BenchStream.octets(BenchStream.records(mebibytes), checksums);
        Result<?> primary = run.getPrimaryResult();
        double toMillis = millisPer(run.getParams().getTimeUnit());
        double millis = primary.getScore() * toMillis;
        double error = primary.getScoreError() * toMillis;
        double median = primary.getStatistics().getPercentile(50) * toMillis;
        return new Row(group, method, mebibytes, primary.getStatistics().getN(), millis,
                Double.isNaN(error) ? 0 : error, median, octets / (median * 1e6));
    }

    /**
     * Milliseconds in one of the unit JMH scored in: the benchmarks say ms, -tu may change it. (The
     * table assumes a time per operation: single shot, as set, or average time; not throughput.)
     */
    private static double millisPer(TimeUnit unit) {
        return unit.toNanos(1) / 1e6;
    }
}
