package dev.baton.migrate.session;

import dev.baton.core.wire.RecordWriter;
import dev.baton.migrate.MigrationClock;
import dev.baton.migrate.RecordTypes;
import dev.baton.migrate.returnpath.ControlMessage;
import java.io.IOException;
import java.time.Duration;

/**
 * How far the target lags behind what the source wrote, and how long it would take to catch up
 * (docs/MIGRATION.md, "Load marks"). The source writes a LOAD_MARK record into the stream after
 * its session record and after each live pass; a target that knows the record answers LOADED on
 * the return path once it has loaded everything before it. A source that pauses while the target
 * still has seconds of records to load waits those seconds in its downtime: the pre-copy consults
 * {@link #expectedNanos} before it pauses, and {@link #awaitCaughtUp} waits for the target instead.
 *
 * <p>A target that predates LOAD_MARK skips the record (it is optional) and never answers: the
 * first mark, written before STATIC_DATA_END, is answered before ACCEPT or never, so by ACCEPT
 * the source knows whether it will hear of the target's progress ({@link #accepted}). Without
 * answers the backlog counts as nothing, as before there were marks.
 *
 * <p>The target's load rate is the octets it loaded over the time between its answers, counting
 * only the time during which it had records waiting: from an answer that left the source writing
 * a pass or with later marks written, or from the start of a pass after an answer that left it
 * idle, to the next answer.
 */
final class TargetBacklog {
    /** How often a wait looks at the clock again: a test's clock moves while nothing arrives. */
    private static final long LOOK_NANOS = 20_000_000L;
    /**
     * The load rate assumed before the first measurement, in octets a second: below the slowest
     * measured (the store's target at 5 MB/s of wall clock on 2 cores under load average 20,
     * docs/PERFORMANCE.md), so a backlog that would not fit the limit even at it is waited for,
     * and a small one (the last pass of a small state, its answer not yet come) is not.
     */
    static final double ASSUMED_RATE = 1e6;

    private final MigrationClock clock;
    /** The longest {@link #awaitCaughtUp} waits: the session's timeout for each answer. */
    private final Duration timeout;
    /** Whether marks are written: the session has a return path and migrates (no rehearsal). */
    private final boolean offered;
    /** Whether the target answered the first mark by ACCEPT: it reads LOAD_MARK. */
    private boolean answering;
    private long marks;
    /** Offset of the latest mark written (where it begins). */
    private long lastMark = -1;
    /** Whether the source is writing a pass whose mark is not written yet. */
    private boolean writing;
    /** Offset of the latest mark the target answered: it has loaded everything before it. */
    private long loaded = -1;
    private long answeredAt;
    /** Whether the target had records waiting when it answered last. */
    private boolean busyAtAnswer;
    private long busyOctets;
    private long busyNanos;
    private long answers;
    /** The return path ended (the target failed or went away): no answer will come. */
    private boolean ended;

    private TargetBacklog(MigrationClock clock, Duration timeout, boolean offered) {
        this.clock = clock;
        this.timeout = timeout;
        this.offered = offered;
    }

    /**
     * A source's backlog, with marks: it migrates over a transport with a return path, and waits
     * for the target's answer at most {@code timeout}.
     */
    static TargetBacklog marking(MigrationClock clock, Duration timeout) {
        return new TargetBacklog(clock, timeout, true);
    }

    /** No marks, no answers: no return path, or a rehearsal (it never pauses). */
    static TargetBacklog none() {
        return new TargetBacklog(MigrationClock.system(), Duration.ZERO, false);
    }

    /** Writes the first mark, before STATIC_DATA_END, that tells the source whether the target answers. */
    void offer(RecordWriter writer) throws IOException {
        if (offered) {
            write(writer);
        }
    }

    /** The target accepted the static data: the marks it answered by now say whether it answers marks. */
    synchronized void accepted() {
        answering = offered && answers > 0;
    }

    /** Whether the target answers marks: what it loaded counts in the expected downtime. */
    synchronized boolean answering() {
        return answering;
    }

    /** A live pass begins: from here the target has records waiting until the next mark is answered. */
    synchronized void passBegins() {
        writing = true;
        if (!busyAtAnswer && loaded >= 0) {
            answeredAt = clock.nanoTime(); // it was idle, caught up, since its answer: busy from now
            busyAtAnswer = true;
        }
    }

    /** After a live pass: a mark, when the target answers them. */
    void mark(RecordWriter writer) throws IOException {
        if (answering()) {
            write(writer);
        }
        synchronized (this) {
            writing = false;
        }
    }

    private void write(RecordWriter writer) throws IOException {
        long at = writer.offset();
        long n;
        synchronized (this) {
            n = ++marks;
        }
        writer.begin(RecordTypes.LOAD_MARK).putLong(n).end();
        synchronized (this) {
            lastMark = at;
        }
    }

    /** The target's answer to a mark, from the return path's thread. */
    synchronized void loaded(ControlMessage.Loaded l, long nowNanos) {
        answers++;
        if (l.octets() <= loaded) {
            return; // no progress (a repeated or stale answer): nothing to measure
        }
        if (loaded >= 0 && busyAtAnswer) {
            busyOctets += l.octets() - loaded;
            busyNanos += Math.max(1, nowNanos - answeredAt);
        }
        loaded = l.octets();
        answeredAt = nowNanos;
        busyAtAnswer = writing || lastMark > loaded;
        notifyAll();
    }

    /** The return path ended: wakes a wait, which returns at once from now on. */
    synchronized void ended() {
        ended = true;
        notifyAll();
    }

    /** The target's answer to a mark, now. */
    void loaded(ControlMessage.Loaded l) {
        loaded(l, clock.nanoTime());
    }

    /** Octets written before the latest mark that the target has not loaded; 0 when it does not answer. */
    synchronized long backlog() {
        return answering && lastMark > loaded ? lastMark - Math.max(0, loaded) : 0;
    }

    /** Octets a second the target loads while it has records waiting; 0 before it was measured. */
    synchronized double loadRate() {
        return busyNanos == 0 ? 0 : busyOctets * 1e9 / busyNanos;
    }

    /**
     * The downtime expected if the source paused now: {@code sendNanos} to send the rest, and the
     * time the target needs for its backlog at its load rate ({@link #ASSUMED_RATE} before it was
     * measured).
     */
    long expectedNanos(long sendNanos) {
        long backlog = backlog();
        if (backlog == 0 || sendNanos == Long.MAX_VALUE) {
            return sendNanos;
        }
        double rate = loadRate();
        if (rate == 0) {
            rate = ASSUMED_RATE;
        }
        return (long) Math.min(Long.MAX_VALUE, sendNanos + backlog * 1e9 / rate);
    }

    /**
     * Waits until the target has answered the latest mark (it loaded everything written before
     * it), at most the session's timeout on its clock; a target that does not answer in that time
     * leaves the decision to the next pass. It returns at once when the return path ended: the
     * session's next write or wait says why.
     *
     * @return whether it did
     */
    boolean awaitCaughtUp() throws IOException {
        long deadline = clock.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (loaded < lastMark) {
                if (ended || clock.nanoTime() - deadline >= 0) {
                    return false;
                }
                try {
                    wait(LOOK_NANOS / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the target to load");
                }
            }
            return true;
        }
    }
}
