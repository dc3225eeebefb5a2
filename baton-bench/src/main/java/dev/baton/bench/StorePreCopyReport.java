package dev.baton.bench;

import dev.baton.migrate.session.MigrationEvent;
import dev.baton.migrate.session.MigrationStats;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.session.TargetSession;
import dev.baton.migrate.transport.TcpTransport;
import dev.baton.store.live.StoreApplication;
import dev.baton.store.server.Release;
import dev.baton.store.server.Store;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a store's pre-copy costs in CPU, apart from what a shared machine gives it: a store of N
 * nodes ({@link XenstoreTrees}) live-updated in this JVM, over loopback TCP, to a fresh store at
 * the other release, with no client writing; the source's and the target's thread CPU time (the
 * session's own threads, as {@link ThreadMXBean} counts them) beside the wall-clock time, and
 * the rest of the process's CPU time meanwhile (its collectors and compilers, mostly: what the
 * two trees' allocation costs beyond the session threads, both sides together), and the octets
 * each session's thread allocated per node (JMH's {@code -prof gc} figure, for a whole update). Each
 * direction runs {@code --runs} times (the first warms the JIT); each run prints a row.
 *
 * <p>{@code bin/bench store-precopy [--nodes N] [--runs N]}.
 */
public final class StorePreCopyReport {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** The whole process's CPU time: the two sessions' threads and the rest (collectors, compilers). */
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private StorePreCopyReport() {
    }

    public static void main(String[] args) throws Exception {
        ReportOptions o = ReportOptions.parseOrExit("store-precopy", args, "--nodes N", "--runs N");
        int nodes = o.count("--nodes", 1_000_000);
        int runs = o.count("--runs", 3);
        System.out.printf(Locale.ROOT, "| update | nodes | MB | wall s | MB/s | source CPU s | MB/CPU-s | target CPU s "
                + "| MB/CPU-s | other CPU s | source B/node | target B/node | downtime ms |%n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n");
        for (Release[] way : new Release[][] {{Release.R1_0, Release.R2_0}, {Release.R2_0, Release.R1_0}}) {
            for (int run = 0; run < runs; run++) {
                Store source = new Store(way[0], Duration.ofSeconds(30));
                XenstoreTrees.fill(source.tree(), nodes);
                update(source, way[1]);
            }
        }
    }

    private static void update(Store source, Release to) throws Exception {
        try (TcpTransport.Listener listener = TcpTransport.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            long[] targetAllocated = new long[1];
            CompletableFuture<Long> target = CompletableFuture.supplyAsync(() -> {
                long cpu = THREADS.getCurrentThreadCpuTime();
                long allocated = THREADS.getCurrentThreadAllocatedBytes();
                try {
                    TargetSession.builder(() -> StoreApplication.target(new Store(to, Duration.ofSeconds(30)), a -> { },
                            "")).protocol(StoreApplication.PROTOCOL).build()
                            .receive(listener.accept(Duration.ofSeconds(60)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                targetAllocated[0] = THREADS.getCurrentThreadAllocatedBytes() - allocated;
                return THREADS.getCurrentThreadCpuTime() - cpu;
            });
            long process = OS.getProcessCpuTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long allocated = THREADS.getCurrentThreadAllocatedBytes();
            MigrationStats stats = SourceSession.builder(StoreApplication.source(source, () -> { }, c -> { }))
                    .protocol(StoreApplication.PROTOCOL).timeout(Duration.ofSeconds(120)).build()
                    .migrate(TcpTransport.connect("127.0.0.1", listener.port(), Duration.ofSeconds(10)));
            long sourceCpu = THREADS.getCurrentThreadCpuTime() - cpu;
            long sourceAllocated = THREADS.getCurrentThreadAllocatedBytes() - allocated;
            long targetCpu = target.get(120, TimeUnit.SECONDS);
            long otherCpu = OS.getProcessCpuTime() - process - sourceCpu - targetCpu;
            MigrationEvent.Iteration first = stats.iterations().get(0);
            double mb = first.octets() / 1e6;
            System.out.printf(Locale.ROOT, "| %s -> %s | %d | %.1f | %.2f | %.0f | %.2f | %.0f | %.2f | %.0f | %.2f | %d | %d | %.1f |%n",
                    source.release().label(), to.label(), source.tree().nodeCount(), mb, first.nanos() / 1e9,
                    mb * 1e9 / first.nanos(), sourceCpu / 1e9, stats.octets() / 1e6 / (sourceCpu / 1e9),
                    targetCpu / 1e9, stats.octets() / 1e6 / (targetCpu / 1e9), otherCpu / 1e9,
                    sourceAllocated / source.tree().nodeCount(), targetAllocated[0] / source.tree().nodeCount(),
                    stats.downtimeNanos() / 1e6);
        }
    }
}
