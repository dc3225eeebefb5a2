package dev.baton.migrate.session;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.RecordWriter;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.MigrationClock;
import dev.baton.migrate.precopy.ConvergenceEstimator;
import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.precopy.Region;
import dev.baton.migrate.precopy.RegionSender;
import java.util.ArrayList;
import java.util.List;

/** What a stage's source step works with: the stream's writer, the application, the pre-copy machinery. */
public final class SourceContext {
    private final RecordWriter writer;
    private final MigratableApplication application;
    private final StateSaver saver;
    private final DescriptionContext descriptionContext;
    private final PrecopyPolicy policy;
    private final MigrationListener listener;
    private final MigrationClock clock;
    private final RegionSender sender;
    private final ConvergenceEstimator estimator;
    private final List<MigrationEvent.Iteration> iterations = new ArrayList<>();
    private String stage = "";
    private volatile boolean paused;
    private long pausedAt;
    private long estimatedTotal;

    SourceContext(RecordWriter writer, MigratableApplication application, StateSaver saver,
            DescriptionContext descriptionContext, PrecopyPolicy policy, MigrationListener listener,
            MigrationClock clock) {
        this.writer = writer;
        this.application = application;
        this.saver = saver;
        this.descriptionContext = descriptionContext;
        this.policy = policy;
        this.listener = listener;
        this.clock = clock;
        this.sender = new RegionSender(application.regions(), writer, descriptionContext, this::progress, clock);
        this.estimator = new ConvergenceEstimator(policy.downtimeLimit());
        long total = 0;
        for (Region r : application.regions()) {
            total += r.totalBytes();
        }
        this.estimatedTotal = total;
    }

    public RecordWriter writer() {
        return writer;
    }

    public MigratableApplication application() {
        return application;
    }

    /** Saves sections for the profile the stream is written for. */
    public StateSaver saver() {
        return saver;
    }

    /** The profile's properties and versions, for descriptions saved by hand. */
    public DescriptionContext descriptionContext() {
        return descriptionContext;
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

    /** Pauses the application (once): the downtime starts. A failure from here on resumes it. */
    public void pause() {
        if (!paused) {
            application.pause();
            pausedAt = clock.nanoTime();
            paused = true;
            listener.event(new MigrationEvent.Paused());
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
