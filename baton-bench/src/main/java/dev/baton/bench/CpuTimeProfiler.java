package dev.baton.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the benchmark's worker threads per operation ({@code cpu.time.norm}, ns/op): on a
 * host shared with other work, where ops/s measures the share of the cores a run got as much as
 * the code, and without perf's cycle counter (a virtual machine's), this still measures the code.
 * The thread CPU time of each iteration over the operations it ran, all of them (the worker's CPU
 * time covers them all).
 *
 * <pre>java -jar baton-bench/target/benchmarks.jar StateDescriptions -prof dev.baton.bench.CpuTimeProfiler</pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long before;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark's worker threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = workersCpuNanos();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw Result
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long ops = result.getMetadata().getAllOps();
        double perOp = ops == 0 ? Double.NaN : (double) (workersCpuNanos() - before) / ops;
        return List.of(new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG));
    }

    /** CPU time so far of every live JMH worker thread (JMH names them {@code ...-jmh-worker-N}). */
    private long workersCpuNanos() {
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains("-jmh-worker-")) {
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                sum += Math.max(cpu, 0);
            }
        }
        return sum;
    }
}
