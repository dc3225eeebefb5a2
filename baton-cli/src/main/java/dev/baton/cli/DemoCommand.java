package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.option.StoreRanges;
import dev.baton.cli.store.LiveUpdateBar;
import dev.baton.cli.store.LiveUpdateSummary;
import dev.baton.store.client.StoreClient;
import dev.baton.store.live.StoreProcess;
import dev.baton.store.live.Workload;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton demo}: the main job of the README. Starts a store (release 1.0) in a child JVM,
 * fills it, loads it with concurrent clients (writes, watches, open transactions), live-updates it
 * to a new process at release 2.0, then back to 1.0, and checks that every acknowledged write and
 * every watch event arrived exactly once.
 */
@Command(name = "demo",
        description = {"Live-update a store under load to a new process (release 1.0 -> 2.0 -> 1.0) and check that "
                + "nothing was lost.",
            "Exit 0 when nothing was lost; 1 when something was, or a live update failed."})
final class DemoCommand implements Callable<Integer> {
    private static final Duration T = Duration.ofSeconds(60);
    /** Writes the filler sends before it reads their replies. */
    private static final int FILL_BATCH = 1000;

    @Option(names = "--nodes", paramLabel = "N", converter = StoreRanges.DemoNodes.class,
            description = "Nodes to fill the store with, 1 to 1000000 (default: ${DEFAULT-VALUE}).")
    int nodes = 20000;

    @Option(names = "--clients", paramLabel = "N", converter = StoreRanges.DemoClients.class,
            description = "Concurrent clients, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int clients = 8;

    @Option(names = "--rate", paramLabel = "N", converter = StoreRanges.WriteRate.class,
            description = "Fix the clients' write load at N writes a second in all, up to 1000000 (default: as fast "
                    + "as they can).")
    int rate;

    @Option(names = "--json", description = "Print one JSON object at the end instead of the lines (docs/CLI.md).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        // with --json, standard output holds the document alone: the lines go nowhere
        PrintStream out = json ? new PrintStream(java.io.OutputStream.nullOutputStream()) : System.out;
        ObjectNode doc = JsonOutput.object().put("nodes", nodes).put("clients", clients);
        List<StoreProcess> processes = new ArrayList<>();
        try {
            StoreProcess current = StoreProcess.start(0, "1.0", T);
            processes.add(current);
            int port = current.port();
            doc.put("port", port).put("pid", current.process().pid());
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            doc.put("trustMode", current.trustMode());
            out.printf(Locale.ROOT, "store 1.0 serving 127.0.0.1:%d (process %d)%n", port, current.process().pid());
            out.println("trust mode: " + current.trustMode()); // a demo on loopback: each client's HELLO is believed
            try (StoreClient c = StoreClient.connect(address, 0); Progress bar = Progress.phase("fill", " nodes")) {
                // pipelined, a batch at a time: a round trip a batch, not a write
                for (int i = 0; i < nodes; i += FILL_BATCH) {
                    c.writeAll(Workload.fill(i, Math.min(nodes, i + FILL_BATCH)));
                    bar.at(i, nodes);
                }
            }
            out.printf(Locale.ROOT, "filled %d nodes; %d clients writing, watching, with a transaction open%n",
                    nodes, clients);
            Workload load = Workload.connect(address, clients).rate(rate);
            load.start();
            Thread.sleep(1000);
            ArrayNode updates = doc.putArray("updates");
            long octets = 0;
            double maxDowntime = 0;
            for (String to : new String[] {"2.0", "1.0"}) { // a live update, then a rollback
                StoreProcess next = StoreProcess.takeover(port, to, null, T);
                processes.add(next);
                long before = load.writes();
                StoreProcess.Result r;
                try (LiveUpdateBar bar = new LiveUpdateBar()) {
                    r = current.liveUpdateTo(next, T, bar);
                }
                if (!r.ok()) {
                    load.close();
                    spec.commandLine().getErr().println(spec.qualifiedName() + ": live update to " + to + " failed: "
                            + r.message() + "; the old process serves on");
                    return ErrorHandler.BAD_INPUT;
                }
                out.printf(Locale.ROOT, "release %s -> %s (profile %s), process %d -> %d%n", current.release(), to,
                        r.profile(), current.process().pid(), next.process().pid());
                out.println("  " + LiveUpdateSummary.text(r));
                octets += r.octets();
                maxDowntime = Math.max(maxDowntime, r.downtimeMillis());
                current.awaitExit(T);
                ObjectNode u = LiveUpdateSummary.json(updates.addObject().put("from", current.release()).put("to", to)
                        .put("oldPid", current.process().pid()).put("pid", next.process().pid()), r);
                current = next;
                Thread.sleep(1000);
                long during = load.writes() - before;
                u.put("clientWrites", during);
                out.printf(Locale.ROOT, "  clients wrote %d more during it%n", during);
            }
            Workload.Report report = load.stopAndCheck(Duration.ofSeconds(10));
            load.close();
            double seconds = (System.nanoTime() - start) / 1e9;
            long clientKeys = (long) clients * 64;
            out.println();
            out.println("report");
            out.printf(Locale.ROOT, "  nodes        %d (+ %d client keys)%n", nodes, clientKeys);
            out.printf(Locale.ROOT, "  updates      2 (1.0 -> 2.0 -> 1.0), %.1f MB sent, max downtime %.1f ms%n",
                    octets / 1e6, maxDowntime);
            out.printf(Locale.ROOT, "  writes       %d acknowledged (%.0f a second over %.1f s)%n",
                    report.writes(), report.writes() / seconds, seconds);
            out.printf(Locale.ROOT, "  events       %d received, %d expected%n", report.events(),
                    report.expectedEvents());
            out.printf(Locale.ROOT, "  transactions %d open across the updates, %d retried (EAGAIN after the 1.0 "
                    + "rollback)%n", clients, report.transactionRetries());
            for (String p : report.problems()) {
                out.println("  problem: " + p);
            }
            out.printf(Locale.ROOT, "  lost = %d%n", report.lost());
            ObjectNode rep = doc.putObject("report").put("clientKeys", clientKeys).put("octets", octets)
                    .put("maxDowntimeMillis", maxDowntime).put("writes", report.writes())
                    .put("seconds", Math.round(seconds * 10) / 10.0).put("events", report.events())
                    .put("expectedEvents", report.expectedEvents()).put("openTransactions", clients)
                    .put("transactionRetries", report.transactionRetries());
            report.problems().forEach(rep.putArray("problems")::add);
            rep.put("lost", report.lost());
            if (json) {
                JsonOutput.print(doc);
            }
            return report.lost() == 0 && report.problems().isEmpty() ? 0 : ErrorHandler.BAD_INPUT;
        } finally {
            for (StoreProcess p : processes) {
                p.close();
            }
        }
    }
}
