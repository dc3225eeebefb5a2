package dev.baton.store.process;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * What a store process does when a thread of its own ends by an exception nothing caught (set at
 * start as the default {@link Thread.UncaughtExceptionHandler}, so that it covers the platform and
 * virtual threads alike): one line on its log naming the thread and what it was doing, instead of
 * the JVM's stack trace ({@code BATON_DEBUG} adds the trace). Then:
 * <ul>
 * <li>an {@link Error} (out of memory, a stack overflow) on any thread, or anything on the main
 *     thread (the store did not start): the process exits with {@link #EXIT_STATUS}. A thread that
 *     died in the middle of a request may have left the store half-changed, or a lock a client
 *     waits on; a store that lost a thread does not limp on, and the supervisor sees it end.</li>
 * <li>an exception on another thread (a bug in serving one connection): that thread ends, the
 *     line is a WARNING, and the store serves on, as it did before this handler.</li>
 * </ul>
 */
final class ThreadFailures implements Thread.UncaughtExceptionHandler {
    /** The exit status of a store process that lost a thread to an error: EX_SOFTWARE of sysexits.h. */
    static final int EXIT_STATUS = 70;

    /** What the store's threads do, by the start of their names. */
    private static final List<Map.Entry<String, String>> DOING = List.of(
            Map.entry("main", "starting the store"),
            Map.entry("store-accept", "accepting TCP clients"),
            Map.entry("store-conn", "serving a TCP client"),
            Map.entry("store-write", "writing to a TCP client"),
            Map.entry("store-expiry", "expiring a dropped connection"),
            Map.entry("wire-accept", "accepting clients of the xenstore wire socket"),
            Map.entry("wire-conn", "serving a client of the xenstore wire socket"),
            Map.entry("wire-write", "writing to a client of the xenstore wire socket"),
            Map.entry("store-control", "answering the control channel"),
            Map.entry("baton-return-path", "reading a migration's return path"),
            Map.entry("baton-channel", "carrying a migration channel"));

    private final PrintStream log;
    /**
     * The line said when saying the thread's own runs out of memory too: made at start, as the heap
     * may have no room left for it then.
     */
    private final byte[] lastResort = ("SEVERE: a thread failed: out of memory; the store process exits (status "
            + EXIT_STATUS + ")\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ThreadFailures(PrintStream log) {
        this.log = log;
    }

    /** Makes this the handler of every thread of the process that has none of its own. */
    static void install() {
        line("main", new OutOfMemoryError()); // loads what saying a line takes now, while there is memory for it
        Thread.setDefaultUncaughtExceptionHandler(new ThreadFailures(System.err));
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        boolean fatal = e instanceof Error || t.getName().equals("main");
        try {
            System.out.flush(); // what the store said before, then this
            log.println((fatal ? "SEVERE" : "WARNING") + ": " + line(t.getName(), e) + (fatal
                    ? "; the store process exits (status " + EXIT_STATUS + "): a store that lost a thread may have"
                            + " been left half-changed"
                    : "; that thread ended, the store serves on"));
            if (System.getenv("BATON_DEBUG") != null) {
                e.printStackTrace(log);
            }
            log.flush();
        } catch (OutOfMemoryError again) {
            log.write(lastResort, 0, lastResort.length);
            log.flush();
        } finally {
            if (fatal) {
                // halt, not exit: no shutdown hook can hold it up, whatever state the heap is in
                Runtime.getRuntime().halt(EXIT_STATUS);
            }
        }
    }

    /** {@code thread 'NAME' (DOING) failed: WHAT}, on one line. */
    static String line(String thread, Throwable e) {
        String doing = DOING.stream().filter(d -> thread.startsWith(d.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        return ("thread '" + thread + "'" + (doing == null ? "" : " (" + doing + ")") + " failed: " + what(e))
                .replace('\n', ' ');
    }

    private static String what(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "; raise -Xmx)";
        }
        return e.getMessage() == null ? e.getClass().getName() : e.getClass().getName() + ": " + e.getMessage();
    }
}
