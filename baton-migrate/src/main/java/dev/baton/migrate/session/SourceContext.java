package dev.baton.migrate.session;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.RecordWriter;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.MigrationClock;
import dev.baton.migrate.precopy.ConvergenceEstimator;
import dev.baton.migrate.precopy.NotConvergedException;
import dev.baton.migrate.precopy.OnLimit;
import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.precopy.Region;
import dev.baton.migrate.precopy.ChannelSenders;
import dev.baton.migrate.precopy.RegionSender;
import dev.baton.migrate.precopy.ThrottleSteps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stage's source step works with: the stream's save (its writer and the registry's
 * sections), the application, the pre-copy machinery.
 */
public final class SourceContext {
    private final StateSaver.Save save;
    private final MigratableApplication application;
    private final PrecopyPolicy policy;
    private final MigrationListener listener;
    private final MigrationClock clock;
    private final RegionSender sender;
    private final ConvergenceEstimator estimator;
    private final List<MigrationEvent.Iteration> iterations = new ArrayList<>();
    private String stage = "";
    private volatile boolean paused;
    /** A rehearsal's context: the application never pauses. */
    private boolean rehearsal;
    private long pausedAt;
    private long estimatedTotal;
    /** The application's throttle now, in percent ({@link #stalled}). */
    private int throttle;
    /** How far the target lags behind ({@link TargetBacklog}); none without a return path. */
    private TargetBacklog backlog = TargetBacklog.none();

    /** @param channels the migration's extra channels, which carry its pages; {@code null} for none */
    SourceContext(StateSaver.Save save, MigratableApplication application, PrecopyPolicy policy,
            MigrationListener listener, MigrationClock clock, ChannelSenders channels) {
        this.save = save;
        this.application = application;
        this.policy = policy;
        this.listener = listener;
        this.clock = clock;
        this.sender = new RegionSender(application.regions(), save.writer(), save.context(), this::progress, clock,
                channels);
        this.estimator = new ConvergenceEstimator(policy.downtimeLimit());
        long total = 0;
        for (Region r : application.regions()) {
            total += r.totalBytes();
        }
        this.estimatedTotal = total;
    }

    /** The stream's writer, for a stage's own records. */
    public RecordWriter writer() {
        return save.writer();
    }

    public MigratableApplication application() {
        return application;
    }

    /**
     * The stream's save, for the profile the stream is written for: a stage writes the registry's
     * sections through it ({@code save().sections(Part.STATIC)}).
     */
    public StateSaver.Save save() {
        return save;
    }

    /**
     * The save's context: the profile's pins and the version cursor, for descriptions a stage saves
     * by hand (pre-copy objects, say).
     */
    public DescriptionContext descriptionContext() {
        return save.context();
    }

    public PrecopyPolicy policy() {
        return policy;
    }

    public List<Region> regions() {
        return application.regions();
    }

    public RegionSender sender() {
        return sender;
    }

    public ConvergenceEstimator estimator() {
        return estimator;
    }

    void backlog(TargetBacklog b) {
        this.backlog = b;
    }

    /**
     * A live pass begins. A stage that makes its own passes calls this, and {@link #passEnds()}
     * after it, so that the source knows how far the target lags behind (docs/MIGRATION.md, "Load
     * marks").
     */
    public void passBegins() {
        backlog.passBegins();
    }

    /** A live pass ended: a LOAD_MARK follows it in the stream, when the target answers them. */
    public void passEnds() throws IOException {
        backlog.mark(save.writer());
    }

    /**
     * The downtime expected if the source paused now: {@code sendNanos} to send what is left, and
     * the time the target needs to load what it was sent and has not loaded yet, at the rate it
     * loads (1 MB a second until it was measured). Without a target
     * that answers LOAD_MARK, {@code sendNanos}.
     */
    public long expectedDowntimeNanos(long sendNanos) {
        return backlog.expectedNanos(sendNanos);
    }

    /**
     * Before a switchover whose rest ({@code sendNanos} to send) fits the downtime limit: when the
     * target's backlog makes the expected downtime exceed the limit, says so
     * ({@link MigrationEvent.TargetBehind}) and waits until the target has loaded what was sent,
     * at most the session's timeout; then returns true, and the stage makes another pass (what the
     * application dirtied meanwhile) before it decides again. Returns false at once when the
     * backlog fits, or in a rehearsal.
     */
    public boolean waitForTarget(int afterPass, long sendNanos) throws IOException {
        long limitNanos = policy.downtimeLimit().toNanos();
        long expected = backlog.expectedNanos(sendNanos);
        if (rehearsal || sendNanos > limitNanos || expected <= limitNanos) {
            return false;
        }
        listener.event(new MigrationEvent.TargetBehind(afterPass, backlog.backlog(), backlog.loadRate(),
                expected == Long.MAX_VALUE ? Long.MAX_VALUE : expected / 1_000_000, policy.downtimeLimit().toMillis()));
        backlog.awaitCaughtUp();
        return true;
    }

    public MigrationListener listener() {
        return listener;
    }

    /**
     * The session's clock ({@link SourceSession.Builder#clock}): stages time their passes by it,
     * so that a test's clock decides what they measure.
     */
    public MigrationClock clock() {
        return clock;
    }

    /** The name of the stage running. */
    public String stage() {
        return stage;
    }

    void stage(String name) {
        this.stage = name;
    }

    /** This context is a rehearsal's: {@link #pause()} leaves the application running. */
    void rehearsal() {
        rehearsal = true;
    }

    /** Whether this is a rehearsal, whose stages must not stop or change the application. */
    public boolean rehearsing() {
        return rehearsal;
    }

    /**
     * Pauses the application (once): the downtime starts, and its throttle, if any, is released
     * (nothing changes now; should the migration fail, it resumes at full speed). A failure from
     * here on resumes it. In a rehearsal it does nothing: the state is sent while the application
     * runs.
     */
    public void pause() {
        if (!paused && !rehearsal) {
            application.pause();
            pausedAt = clock.nanoTime();
            paused = true;
            listener.event(new MigrationEvent.Paused());
            releaseThrottle();
        }
    }

    /**
     * Live pass {@code pass} did not converge ({@link ThrottleSteps#stalled}): under
     * {@link OnLimit#THROTTLE}, sets the application's throttle a step higher and says so (at
     * {@link ThrottleSteps#MAX} it stays there); under the other policies, nothing.
     */
    public void stalled(int pass) {
        // a rehearsal never slows the application: it is never paused, so its downtime is no bound
        if (!rehearsal && policy.onLimit() == OnLimit.THROTTLE && throttle < ThrottleSteps.MAX) {
            throttle = ThrottleSteps.next(throttle);
            application.throttle(throttle);
            listener.event(new MigrationEvent.Throttled(pass, throttle));
        }
    }

    /** The application's throttle now, in percent: 0 but under {@link OnLimit#THROTTLE}. */
    public int throttle() {
        return throttle;
    }

    /** Releases the application's throttle, if set, and says so. */
    void releaseThrottle() {
        if (throttle > 0) {
            throttle = 0;
            application.throttle(0);
            listener.event(new MigrationEvent.Throttled(Math.max(0, iterations.size() - 1), 0));
        }
    }

    /**
     * Live passes reached the iteration limit without converging: returns when the policy says
     * {@link OnLimit#SWITCHOVER}, or in a rehearsal; otherwise throws, before the pause, saying
     * {@code why} and what the policy was.
     *
     * @param why what did not converge, in numbers: passes, dirty rate against send rate, expected
     *            downtime against the limit
     */
    public void limitReached(String why) throws NotConvergedException {
        if (rehearsal) {
            return; // the rest is sent while the application runs: there is no downtime to bound
        }
        switch (policy.onLimit()) {
            case SWITCHOVER -> {
            }
            case ABORT -> throw new NotConvergedException(why + "; aborted before the pause (on limit: abort)");
            case THROTTLE -> throw new NotConvergedException(why + ", with the application throttled "
                    + throttle + " %; aborted before the pause (on limit: throttle)");
        }
    }

    public boolean paused() {
        return paused;
    }

    long pausedAt() {
        return pausedAt;
    }

    /** Records and reports a pre-copy pass. */
    public void iteration(MigrationEvent.Iteration it) {
        iterations.add(it);
        listener.event(it);
    }

    List<MigrationEvent.Iteration> iterations() {
        return iterations;
    }

    /** Sets the estimate of the stream's total octets that progress reports carry. */
    public void estimatedTotal(long octets) {
        estimatedTotal = octets;
    }

    /** Reports the stream's octets so far. */
    public void progress(long octets) {
        listener.progress(octets, Math.max(octets, estimatedTotal));
    }
}
