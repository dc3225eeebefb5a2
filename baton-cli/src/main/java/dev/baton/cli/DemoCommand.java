package dev.baton.cli;

import dev.baton.cli.option.Ranges;
import dev.baton.store.client.StoreClient;
import dev.baton.store.live.StoreProcess;
import dev.baton.store.live.Workload;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton demo}: the main job of the README. Starts a store (release 2.0) in a child JVM,
 * fills it, loads it with concurrent clients (writes, watches, open transactions), live-updates it
 * to a new process at release 1.0, then back to 2.0, and checks that every acknowledged write and
 * every watch event arrived exactly once.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Live-update a store under load to a new process (release 2.0 -> 1.0 -> 2.0) and check that "
                + "nothing was lost.")
final class DemoCommand implements Callable<Integer> {
    private static final Duration T = Duration.ofSeconds(60);

    @Option(names = "--nodes", paramLabel = "N", converter = Ranges.Positive.class, description = "Nodes to fill the store with (default: ${DEFAULT-VALUE}).")
    int nodes = 20000;

    @Option(names = "--clients", paramLabel = "N", converter = Ranges.Positive.class, description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients = 8;

    @Option(names = "--rate", paramLabel = "N", converter = Ranges.NonNegative.class,
            description = "Fix the clients' write load at N writes a second in all (default: as fast as they can).")
    int rate;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        List<StoreProcess> processes = new ArrayList<>();
        try {
            StoreProcess current = StoreProcess.start(0, "1.0", T);
            processes.add(current);
            int port = current.port();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            System.out.printf(Locale.ROOT, "store 1.0 serving 127.0.0.1:%d (process %d)%n", port, current.process().pid());
            try (StoreClient c = StoreClient.connect(address, 0); Progress bar = Progress.interactive("fill", nodes, " nodes")) {
                for (int i = 0; i < nodes; i++) {
                    c.write("/data/d" + (i % 100) + "/k" + i, "value-" + i);
                    if (i % 500 == 0) {
                        bar.at(i);
                    }
                }
                bar.at(nodes);
            }
            System.out.printf(Locale.ROOT, "filled %d nodes; %d clients writing, watching, with a transaction open%n",
                    nodes, clients);
            Workload load = Workload.connect(address, clients).rate(rate);
            load.start();
            Thread.sleep(1000);
            List<String> rows = new ArrayList<>();
            long octets = 0;
            double maxDowntime = 0;
            for (String to : new String[] {"2.0", "1.0"}) { // a live update, then a rollback
                StoreProcess next = StoreProcess.takeover(port, to, null, T);
                processes.add(next);
                long before = load.writes();
                StoreProcess.Result r;
                try (Progress bar = Progress.interactive("live update to " + to, -1, "")) {
                    bar.note("pre-copy, then switchover");
                    r = current.liveUpdateTo(next, T);
                }
                if (!r.ok()) {
                    System.out.println("live update to " + to + " failed: " + r.message());
                    System.out.println("the old process serves on");
                    load.close();
                    return 1;
                }
                String row = String.format(Locale.ROOT,
                        "release %s -> %s: %d nodes, %.1f MB in %d iterations, %.0f ms total (%.1f MB/s), downtime "
                                + "%.1f ms (profile %s, process %d -> %d)",
                        current.release(), to, r.nodes(), r.octets() / 1e6, r.iterations(), r.totalMillis(),
                        r.octets() / 1e3 / Math.max(1, r.totalMillis()), r.downtimeMillis(), r.profile(),
                        current.process().pid(), next.process().pid());
                System.out.println(row);
                rows.add(row);
                octets += r.octets();
                maxDowntime = Math.max(maxDowntime, r.downtimeMillis());
                current.awaitExit(T);
                current = next;
                Thread.sleep(1000);
                System.out.printf(Locale.ROOT, "  clients wrote %d more during it%n", load.writes() - before);
            }
            Workload.Report report = load.stopAndCheck(Duration.ofSeconds(10));
            load.close();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println();
            System.out.println("report");
            System.out.printf(Locale.ROOT, "  nodes        %d (+ %d client keys)%n", nodes, (long) clients * 64);
            System.out.printf(Locale.ROOT, "  updates      2 (1.0 -> 2.0 -> 1.0), %.1f MB sent, max downtime %.1f ms%n",
                    octets / 1e6, maxDowntime);
            System.out.printf(Locale.ROOT, "  writes       %d acknowledged (%.0f a second over %.1f s)%n",
                    report.writes(), report.writes() / seconds, seconds);
            System.out.printf(Locale.ROOT, "  events       %d received, %d expected%n", report.events(),
                    report.expectedEvents());
            System.out.printf(Locale.ROOT, "  transactions %d open across the updates, %d retried (EAGAIN after the 1.0 rollback)%n",
                    clients, report.transactionRetries());
            for (String p : report.problems()) {
                System.out.println("  problem: " + p);
            }
            System.out.printf(Locale.ROOT, "  lost = %d%n", report.lost());
            return report.lost() == 0 && report.problems().isEmpty() ? 0 : 1;
        } finally {
            for (StoreProcess p : processes) {
                p.close();
            }
        }
    }
}
