package dev.baton.store.process;

import dev.baton.store.live.StoreControl;
import dev.baton.store.server.Release;
import dev.baton.store.xen.XenstoreLoad;
import dev.baton.store.server.ClientTrust;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What a store process says as it starts and as it ends. {@link #lines} prints it as the lines
 * that {@code dev.baton.store.live.StoreProcess} reads from a child process; {@code baton store
 * serve --json} prints it as JSON.
 */
public interface StoreEvents {

    /** The store starts from a xenstore dump ({@code --seed}). */
    void seeded(Path file, XenstoreLoad.Result result);

    /** With {@code --takeover}: the process waits for the migration on this Unix socket. */
    void migrationSocket(Path socket);

    /**
     * With {@code --takeover} and {@code --quirks}: a section of the migration was read through a
     * quirk, as {@code StateLoader.Report#quirks} says it ({@code "store/0: quirk: ..."}).
     */
    void quirkApplied(String applied);

    /** The store serves. */
    void serving(Serving serving);

    /** A live update moved the store to a new process; this process exits next. */
    void handedOver(HandOver handOver);

    /** The control channel asked the store to stop; this process exits next. */
    void stopped();

    /**
     * A store serving.
     *
     * @param pid     this process
     * @param control    the control channel's Unix socket, or null without one
     * @param unixSocket the Unix socket of xenstore's wire protocol, or null without one
     * @param trust      whom it believes about a TCP client's domain
     */
    record Serving(long pid, String host, int port, Release release, Path control, Duration grace, Path unixSocket,
            ClientTrust trust) {
    }

    /**
     * A store handed over to a new process.
     *
     * @param throughXenstore whether it went as a xenstore dump (then nothing but nodes counts)
     * @param nodes           nodes handed over
     * @param octets          octets of the migration stream
     * @param passes          pre-copy passes, the last one paused included
     * @param downtimeMillis  how long the store was paused
     * @param profile         the release profile it was written for
     */
    record HandOver(boolean throughXenstore, long nodes, long octets, int passes, double downtimeMillis,
            String profile) {
    }

    /**
     * Prints each event as the lines of docs/STORE.md, flushing after each; a path as
     * {@link StoreControl#pathInLine} prints it (encoded when it holds a newline).
     */
    static StoreEvents lines(PrintStream out) {
        return new StoreEvents() {
            @Override
            public void seeded(Path file, XenstoreLoad.Result r) {
                say("seeded " + r.nodes() + " nodes from " + file
                        + (r.skipped().isEmpty() ? "" : " (skipped: " + String.join(", ", r.skipped()) + ")"));
            }

            @Override
            public void migrationSocket(Path socket) {
                say("migration on socket " + StoreControl.pathInLine(socket));
            }

            @Override
            public void quirkApplied(String applied) {
                say(applied);
            }

            @Override
            public void serving(Serving s) {
                say("listening on " + s.host() + ":" + s.port() + " (release " + s.release() + ")");
                say("trust mode: " + s.trust().describe());
                if (s.unixSocket() != null) {
                    say("xenstore wire protocol on " + StoreControl.pathInLine(s.unixSocket()));
                }
                if (s.control() != null) {
                    say("control on " + StoreControl.pathInLine(s.control()));
                }
            }

            @Override
            public void handedOver(HandOver h) {
                say(h.throughXenstore()
                        ? "handed over " + h.nodes() + " nodes to a new process through a xenstore dump; exiting"
                        : String.format(Locale.ROOT, "handed over %d nodes to a new process (profile %s): %.1f MB in"
                                + " %d passes, downtime %.1f ms; exiting", h.nodes(), h.profile(), h.octets() / 1e6,
                                h.passes(), h.downtimeMillis()));
            }

            @Override
            public void stopped() {
                say("stopped through the control channel; exiting");
            }

            private void say(String line) {
                out.println(line);
                out.flush();
            }
        };
    }
}
