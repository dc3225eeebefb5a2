package dev.baton.store.live;

import dev.baton.store.client.StoreClient;
import dev.baton.store.client.StoreTransaction;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that load a store while it is live-updated, and check afterwards that nothing was
 * lost: each client owns the subtree {@code /clients/cI}, watches it, writes its keys in a loop
 * (remembering the last value the store acknowledged for each), and keeps a transaction open
 * across the updates. Each acknowledged write fires exactly one event on the client's watch, the
 * watch once when set: so the expected event count is known. The transaction writes outside the
 * watched subtree (in {@code /txns/cI}), so that the client's own writes do not conflict with it.
 */
public final class Workload implements AutoCloseable {
    /** Keys each client writes in turn. */
    static final int KEYS = 64;

    private final List<Client> clients = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();

    private final class Client {
        final int index;
        final StoreClient c;
        final AtomicLong events = new AtomicLong();
        final AtomicLong acked = new AtomicLong();
        final String[] last = new String[KEYS];
        final StoreTransaction txn;
        volatile Throwable failure;
        Thread thread;

        Client(int index, InetSocketAddress address) throws IOException {
            this.index = index;
            this.c = StoreClient.connect(address, 0, e -> events.incrementAndGet(), Duration.ofSeconds(20));
            c.mkdir(base());
            c.mkdir("/txns/c" + index);
            c.watch(base(), "c" + index);
            txn = c.transaction();
            txn.write("/txns/c" + index + "/v", "committed after the updates");
        }

        String base() {
            return "/clients/c" + index;
        }

        void run() {
            try {
                long start = System.nanoTime();
                for (long i = 0; !stop.get(); i++) {
                    if (nanosPerWrite > 0) { // a fixed rate: keep to the schedule, whatever the last write cost
                        long wait = start + i * nanosPerWrite - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    int k = (int) (i % KEYS);
                    String v = "v" + i;
                    c.write(base() + "/k" + k, v);
                    last[k] = v;
                    acked.incrementAndGet();
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    /** What the check found. */
    public record Report(long writes, long events, long expectedEvents, long lostWrites, long eventsOff,
            long transactionRetries, List<String> problems) {
        public long lost() {
            return lostWrites + eventsOff;
        }
    }

    /**
     * Nodes {@code from} to {@code to} (exclusive) of the tree a store is filled with before the
     * clients start: node i is {@code /data/d<i mod 100>/k<i>}, valued {@code value-<i>}; for
     * {@link StoreClient#writeAll}.
     */
    public static SequencedMap<String, byte[]> fill(int from, int to) {
        SequencedMap<String, byte[]> values = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            values.put("/data/d" + (i % 100) + "/k" + i, ("value-" + i).getBytes(StandardCharsets.US_ASCII));
        }
        return values;
    }

    /** Connects {@code n} clients (each watching its subtree, with a transaction open). */
    public static Workload connect(InetSocketAddress address, int n) throws IOException {
        Workload w = new Workload();
        for (int i = 0; i < n; i++) {
            w.clients.add(w.new Client(i, address));
        }
        return w;
    }

    /** Each client's pause between writes for a fixed rate; 0 writes as fast as the store answers. */
    private long nanosPerWrite;

    /** Fixes the write load at {@code writesPerSecond} in all (0: as fast as the clients can). */
    public Workload rate(int writesPerSecond) {
        nanosPerWrite = writesPerSecond <= 0 ? 0 : 1_000_000_000L * clients.size() / writesPerSecond;
        return this;
    }

    /** Starts the writers. */
    public void start() {
        for (Client c : clients) {
            c.thread = Thread.ofPlatform().name("client-" + c.index).start(c::run);
        }
    }

    /** Acknowledged writes so far. */
    public long writes() {
        long n = 0;
        for (Client c : clients) {
            n += c.acked.get();
        }
        return n;
    }

    /** Stops the writers, commits the transactions, and checks every value and event count. */
    public Report stopAndCheck(Duration wait) throws InterruptedException {
        stop.set(true);
        List<String> problems = new ArrayList<>();
        for (Client c : clients) {
            c.thread.join();
            if (c.failure != null) {
                problems.add("client " + c.index + ": " + c.failure);
            }
        }
        long lostWrites = 0;
        long retries = 0;
        long writes = 0;
        long expected = 0;
        for (Client c : clients) {
            try {
                c.txn.commit();
            } catch (RuntimeException e) {
                // after a rollback to 1.0 an open transaction conflicts (generations are not carried): again
                retries++;
                try {
                    c.c.inTransaction(t -> {
                        t.write("/txns/c" + c.index + "/v", "committed after the updates");
                        return null;
                    });
                } catch (RuntimeException again) {
                    problems.add("client " + c.index + ": commit: " + again.getMessage());
                }
            }
            if (!"committed after the updates".equals(c.c.readString("/txns/c" + c.index + "/v"))) {
                problems.add("client " + c.index + ": the transaction's write is missing");
            }
            writes += c.acked.get();
            expected += 1 + c.acked.get();
            for (int k = 0; k < KEYS; k++) {
                if (c.last[k] == null) {
                    continue;
                }
                String v;
                try {
                    v = c.c.readString(c.base() + "/k" + k);
                } catch (RuntimeException e) {
                    v = e.getMessage();
                }
                if (!c.last[k].equals(v)) {
                    lostWrites++;
                    problems.add(c.base() + "/k" + k + " is " + v + ", acknowledged " + c.last[k]);
                }
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        long events;
        while (true) {
            events = 0;
            for (Client c : clients) {
                events += c.events.get();
            }
            if (events >= expected && System.nanoTime() > deadline - wait.toNanos() + 100_000_000L
                    || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(20);
        }
        long off = 0;
        for (Client c : clients) {
            long want = 1 + c.acked.get();
            long got = c.events.get();
            if (got != want) {
                off += Math.abs(got - want);
                problems.add("client " + c.index + ": " + got + " events, expected " + want);
            }
        }
        return new Report(writes, events, expected, lostWrites, off, retries, problems);
    }

    @Override
    public void close() {
        stop.set(true);
        for (Client c : clients) {
            try {
                c.c.close();
            } catch (RuntimeException e) {
                // the store may be gone
            }
        }
    }
}
