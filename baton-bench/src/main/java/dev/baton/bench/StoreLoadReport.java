package dev.baton.bench;

import dev.baton.store.live.LiveProgress;
import dev.baton.store.live.StoreProcess;
import dev.baton.store.live.Workload;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;

/**
 * The load test of the reliability campaign (issue 9): a store in a child JVM, clients writing to
 * it as fast as it answers (each watching its own subtree, with a transaction open), and the store
 * live-updated to a new process again and again, alternating releases 2.0 and 1.0. Each round is
 * timed; at the end every acknowledged write is read back and every client's watch events are
 * counted: a write lost, or an event lost or delivered twice, is reported.
 *
 * <p>Each round's row says how the tree's pre-copy went, as the old process's progress lines
 * tell it while they arrive: the first pass (the whole tree, while the store serves), all the
 * passes before the pause together, and the downtime.
 *
 * <p>A main rather than JMH: a round is a whole live update between processes.
 * {@code bin/bench store-report [--nodes N] [--clients N] [--rounds N] [--start 1.0|2.0]}.
 */
public final class StoreLoadReport {
    private static final Duration T = Duration.ofSeconds(120);

    private StoreLoadReport() {
    }

    public static void main(String[] args) throws Exception {
        ReportOptions o = ReportOptions.parseOrExit("store-report", args, "--nodes N", "--clients N", "--rounds N",
                "--start 1.0|2.0");
        int nodes = o.count("--nodes", 20_000);
        int clients = o.count("--clients", 8);
        int rounds = o.count("--rounds", 6);
        String release = o.oneOf("--start", "2.0", "1.0", "2.0");
        StoreProcess current = StoreProcess.start(0, release, T);
        try {
            int port = current.port();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            long fillStart = System.nanoTime();
            try (var c = dev.baton.store.client.StoreClient.connect(address, 0)) {
                for (int i = 0; i < nodes; i += 1000) {
                    c.writeAll(Workload.fill(i, Math.min(nodes, i + 1000)));
                }
            }
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            System.out.printf(Locale.ROOT, "filled %d nodes in %.1f s (%.0f a second), release %s, %d clients%n%n",
                    nodes, fillSeconds, nodes / fillSeconds, release, clients);
            Workload load = Workload.connect(address, clients);
            load.start();
            Thread.sleep(1000);
            System.out.printf(Locale.ROOT, "| round | update | writes during it | first pass MB | s | MB/s "
                    + "| pre-copy MB | s | MB/s | passes | downtime ms | of it sent ms | total ms | MB |%n");
            System.out.printf(Locale.ROOT, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n");
            long start = System.nanoTime();
            for (int round = 1; round <= rounds; round++) {
                String to = current.release().equals("2.0") ? "1.0" : "2.0";
                StoreProcess next = StoreProcess.takeover(port, to, null, T);
                long before = load.writes();
                PreCopy pre = new PreCopy(System.nanoTime());
                StoreProcess.Result r = current.liveUpdateTo(next, T, pre::heard);
                if (!r.ok()) {
                    next.close();
                    throw new IllegalStateException("round " + round + " failed: " + r.message());
                }
                current.awaitExit(T);
                current.close();
                String from = current.release();
                current = next;
                Thread.sleep(500);
                String[] reply = r.message().split(" ");
                String sent = reply.length > 7 ? reply[7] : "-"; // the downtime until the old process wrote it all
                System.out.printf(Locale.ROOT, "| %d | %s -> %s | %d | %.1f | %.2f | %.0f | %.1f | %.2f | %.0f | %d "
                        + "| %.1f | %s | %.0f | %.1f |%n", round, from, to, load.writes() - before, pre.firstOctets / 1e6,
                        pre.firstNanos / 1e9, pre.firstOctets * 1e3 / Math.max(1, pre.firstNanos), pre.octets / 1e6,
                        pre.nanos / 1e9, pre.octets * 1e3 / Math.max(1, pre.nanos), r.iterations(),
                        r.downtimeMillis(), sent, r.totalMillis(), r.octets() / 1e6);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Workload.Report report = load.stopAndCheck(Duration.ofSeconds(10));
            load.close();
            System.out.printf(Locale.ROOT, "%n%d rounds in %.1f s; %d writes acknowledged (%.0f a second), %d events "
                    + "received of %d expected; lost or repeated: %d%n", rounds, seconds, report.writes(),
                    report.writes() / seconds, report.events(), report.expectedEvents(), report.lost());
            for (String p : report.problems()) {
                System.out.println("problem: " + p);
            }
            if (report.lost() != 0 || !report.problems().isEmpty()) {
                System.exit(1);
            }
        } finally {
            current.close();
        }
    }

    /**
     * The pre-copy as the old process's progress lines tell it, timed as they arrive: the first
     * pass, and every pass made while the store served.
     */
    private static final class PreCopy {
        final long start;
        long firstOctets;
        long firstNanos;
        long octets;
        long nanos;

        PreCopy(long start) {
            this.start = start;
        }

        void heard(LiveProgress p) {
            if (p.paused()) {
                return;
            }
            long at = System.nanoTime() - start;
            if (p.pass() == 0) {
                firstOctets = p.octets();
                firstNanos = at;
            }
            octets = p.octets();
            nanos = at;
        }
    }
}
