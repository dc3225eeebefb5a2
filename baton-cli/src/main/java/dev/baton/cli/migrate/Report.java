package dev.baton.cli.migrate;

import dev.baton.cli.Lines;
import dev.baton.cli.Progress;
import dev.baton.core.wire.Plural;
import dev.baton.migrate.session.MigrationEvent;
import dev.baton.migrate.session.MigrationListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a session's events as lines, and its progress as a bar on standard error. A target that
 * reads a file or a pipe has no return path: it says what it loaded and from where, and nothing of
 * a handshake, an acknowledgement or a GO that could not happen.
 */
final class Report implements MigrationListener {
    private final PrintStream out;
    private final Progress progress;
    private final boolean source;
    /** The transport of a target without a return path ("file x.baton"), once its stream begins; else null. */
    private String oneWayFrom;

    Report(PrintStream out, Progress progress, boolean source) {
        this.out = out;
        this.progress = progress;
        this.source = source;
    }

    @Override
    public void progress(long octets, long estimatedTotal) {
        moveBar(progress, octets, estimatedTotal);
    }

    /** Moves {@code bar} to {@code octets} of an estimated {@code estimatedTotal} (0 when unknown). */
    static void moveBar(Progress bar, long octets, long estimatedTotal) {
        if (estimatedTotal > 0) {
            bar.total(estimatedTotal);
        }
        bar.at(octets);
    }

    @Override
    public void event(MigrationEvent e) {
        switch (e) {
            case MigrationEvent.Handshake h when !source && !h.returnPath() -> oneWayFrom = h.transport();
            case MigrationEvent.Handshake h -> line(h.returnPath() ? "handshake over " + h.transport() + ": " + h.note()
                    : h.note());
            case MigrationEvent.StaticDataAccepted a -> line(source ? "the target accepted the static data"
                    : "static data accepted");
            case MigrationEvent.Iteration i -> {
                progress.note(" " + (i.paused() ? "last pass" : "pass " + i.index()) + ", dirty " + mb(i.dirtyOctets()));
                line(String.format(Locale.ROOT, "%s: %s in %d ms (%s/s); dirty after it %s, dirty rate %s/s%s",
                        i.paused() ? "last pass, paused" : "pass " + i.index(), mb(i.octets()), i.nanos() / 1_000_000,
                        mb((long) (i.octets() * 1e9 / i.nanos())), mb(i.dirtyOctets()), mb((long) i.dirtyRate()),
                        i.paused() ? "" : ", rest estimated at " + i.estimateMillis() + " ms"));
            }
            case MigrationEvent.Switchover s -> line(switchover(s));
            case MigrationEvent.Throttled t -> line(t.percent() == 0 ? "throttle released"
                    : "pass " + t.afterPass() + " did not converge: throttle " + t.percent() + " %");
            case MigrationEvent.Paused p -> line("application paused");
            case MigrationEvent.QuirkApplied q -> line(q.applied());
            case MigrationEvent.Loaded l when oneWayFrom != null -> line("loaded "
                    + Plural.count(l.records(), "record") + ", " + mb(l.octets()) + ", from " + oneWayFrom);
            case MigrationEvent.Loaded l -> line((source ? "the target acknowledged " : "loaded and acknowledged ")
                    + Plural.count(l.records(), "record") + ", " + mb(l.octets()));
            case MigrationEvent.Activated a when oneWayFrom != null -> {
                // no GO came: the whole stream, read to its end, is the commit
            }
            case MigrationEvent.Activated a -> line("GO received: the state is the application's");
            case MigrationEvent.Completed c -> line(String.format(Locale.ROOT, "done: %s in %.2f s (%s/s), downtime %.1f"
                    + " ms, %s", mb(c.stats().octets()), c.stats().nanos() / 1e9, mb((long) c.stats().throughput()),
                    c.stats().downtimeMillis(), c.stats().targetConfirmed() ? "the target confirmed it runs"
                            : "no confirmation from the target"));
            case MigrationEvent.ChannelRefused r -> line(r.reason());
            case MigrationEvent.Failed f -> {
                // the command prints the failure itself, as its last line
            }
            case MigrationEvent.TargetBehind b -> {
                // the source waits for the target's load; the passes and the switchover say the rest
            }
            case MigrationEvent.StageStarted s -> {
                // too fine for the command line
            }
        }
    }

    /**
     * {@code switchover: converged after 3 passes, 0.1 MB left (about 3 ms, limit 5 ms)}; at the
     * iteration limit it says, before the pause, that the downtime will exceed the limit.
     */
    static String switchover(MigrationEvent.Switchover s) {
        String head = "switchover: " + (s.reason() == MigrationEvent.Reason.CONVERGED ? "converged"
                : "iteration limit reached") + " after " + Plural.count(s.iterations(), "pass") + ", "
                + mb(s.dirtyOctets()) + " left";
        return s.reason() == MigrationEvent.Reason.CONVERGED
                ? head + String.format(Locale.ROOT, " (about %d ms, limit %d ms)", s.estimateMillis(), s.limitMillis())
                : head + String.format(Locale.ROOT, ": expected downtime about %d ms, over the limit of %d ms",
                        s.estimateMillis(), s.limitMillis());
    }

    private void line(String s) {
        Lines.println(out, s, 4);
        out.flush();
    }

    static String mb(long octets) {
        return String.format(Locale.ROOT, "%.1f MB", octets / 1e6);
    }
}
