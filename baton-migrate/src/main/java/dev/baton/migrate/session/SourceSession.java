package dev.baton.migrate.session;

import dev.baton.core.engine.Part;
import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.VersionWindow;
import dev.baton.core.wire.WriterOptions;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.MigrationClock;
import dev.baton.migrate.precopy.NotConvergedException;
import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.precopy.RegionManifest;
import dev.baton.migrate.returnpath.ControlCodec;
import dev.baton.migrate.returnpath.ControlMessage;
import dev.baton.migrate.returnpath.ControlWriter;
import dev.baton.migrate.transport.Transport;
import dev.baton.migrate.transport.TransportStalledException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The source of a live migration: sends a running application's state over a transport and
 * gives it up only when the target has acknowledged the whole of it (docs/MIGRATION.md).
 *
 * <pre>
 *   target → HELLO (what it reads)        source → START (what it writes), or ABORT
 *   source → stream: header, DESCRIPTION, MIGRATION_SESSION, static stages, STATIC_DATA_END
 *   target → ACCEPT or REFUSE
 *   source → dynamic stages (pre-copy while running; pause; the rest), END
 *   target → ACK (after post-load)        ---- the source commits ----
 *   source → GO                           target → DONE (it runs)
 * </pre>
 *
 * The stream is one {@link StateSaver.Save} of the application's registry, for the profile the
 * handshake chose: the save writes DESCRIPTION, STATIC_DATA_END and END, and the stages'
 * sections ({@code ctx.save().sections(part)}, each through its description's field codecs); the
 * session writes its own records (MIGRATION_SESSION, MIGRATION_STAGE) between them.
 *
 * <p>Any failure before the ACK (a refusal, the target failing or vanishing, the connection
 * dropping, stalling past the timeout, or corrupting octets) resumes the application with its
 * state intact and throws {@link MigrationFailedException}; the session never changes the
 * application's state. Without a return path (file, pipe) there is no handshake and no ACK: the
 * source is done when the stream is written and synced.
 */
public final class SourceSession {
    final MigratableApplication application;
    final MigrationProtocol protocol;
    final PrecopyPolicy policy;
    final Duration timeout;
    final MigrationListener listener;
    final String profile;
    final boolean checksums;
    final MigrationClock clock;
    final int channels;
    final ChannelOpener opener;

    private SourceSession(Builder b) {
        this.application = b.application;
        this.protocol = b.protocol;
        this.policy = b.policy;
        this.timeout = b.timeout;
        this.listener = b.listener;
        this.profile = b.profile;
        this.checksums = b.checksums;
        this.clock = b.clock;
        this.channels = b.channels;
        this.opener = b.opener;
    }

    /** Opens one more connection to the migration's target, for an extra channel: TCP or TLS as the first. */
    @FunctionalInterface
    public interface ChannelOpener {
        Transport open() throws IOException;
    }

    public static Builder builder(MigratableApplication application) {
        return new Builder(application);
    }

    /** How a source session migrates. */
    public static final class Builder {
        private final MigratableApplication application;
        private MigrationProtocol protocol = MigrationProtocol.standard();
        private PrecopyPolicy policy = PrecopyPolicy.defaults();
        private Duration timeout = Duration.ofSeconds(10);
        private MigrationListener listener = MigrationListener.none();
        private String profile;
        private boolean checksums = true;
        private MigrationClock clock = MigrationClock.system();
        private int channels = 1;
        private ChannelOpener opener;

        private Builder(MigratableApplication application) {
            this.application = Objects.requireNonNull(application, "application");
        }

        /** The protocol versions and stage tables this source runs (default: {@link MigrationProtocol#standard()}). */
        public Builder protocol(MigrationProtocol p) {
            this.protocol = p;
            return this;
        }

        public Builder precopy(PrecopyPolicy p) {
            this.policy = p;
            return this;
        }

        /** How long to wait for each answer of the target (default 10 s). */
        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        public Builder listener(MigrationListener l) {
            this.listener = l;
            return this;
        }

        /** Write for this release profile rather than the newest the target accepts. */
        public Builder profile(String name) {
            this.profile = name;
            return this;
        }

        /**
         * Whether records carry CRC-32C trailers (default on: a corrupted octet must fail the
         * migration, not reach the target's state).
         */
        public Builder checksums(boolean on) {
            this.checksums = on;
            return this;
        }

        /**
         * The clock the session times its passes, paces its bandwidth, measures its downtime and
         * its timeouts by, its transport's included (default {@link MigrationClock#system()}). A
         * test's clock, whose time moves only when the session waits or the test says, makes what
         * the session decides independent of the machine's speed and load. Under such a clock the
         * source writes no LOAD_MARK and does not wait for the target's load (docs/MIGRATION.md,
         * "Load marks"): that is the target's time, not the session's.
         */
        public Builder clock(MigrationClock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * Migrate over up to {@code n} connections (docs/MIGRATION.md, "Channels"; default 1):
         * the transport {@link #migrate} is given carries the stream as ever, and
         * {@code opener} opens the others, whose threads carry the regions' pages. The target's
         * HELLO says how many it takes; a target that takes one (or predates channels) gets one.
         * A rehearsal uses one.
         *
         * @param n from 1 to {@value ControlCodec#MAX_CHANNELS}
         */
        public Builder channels(int n, ChannelOpener opener) {
            if (n < 1 || n > ControlCodec.MAX_CHANNELS) {
                throw new IllegalArgumentException("channels " + n + " is not 1 to " + ControlCodec.MAX_CHANNELS);
            }
            this.channels = n;
            this.opener = n > 1 ? Objects.requireNonNull(opener, "opener") : null;
            return this;
        }

        public SourceSession build() {
            return new SourceSession(this);
        }
    }

    /**
     * Migrates the application's state over {@code transport}, and closes it.
     *
     * @return what the migration measured, once the source has committed
     * @throws MigrationFailedException when it failed before the commit: the application was
     *                                  resumed (if it had been paused) with its state intact
     */
    public MigrationStats migrate(Transport transport) throws MigrationFailedException {
        long start = clock.nanoTime();
        Answers answers = null;
        SourceContext ctx = null;
        boolean committed = false;
        ExtraChannels extras = null;
        TargetBacklog backlog = TargetBacklog.none();
        try {
            Negotiation.Choice choice;
            ControlWriter control = null;
            transport.clock(clock);
            ControlMessage.Start opened = null;
            if (transport.hasReturnPath()) {
                transport.timeReads(false);
                // the target loads in its own time, which only the JVM's clock measures: a test's clock, which moves
                // when the session says, would time another process's loading by when its answers happened to come
                if (clock == MigrationClock.system()) {
                    backlog = TargetBacklog.marking(clock, timeout);
                }
                answers = Answers.start(transport, clock, backlog);
                control = new ControlWriter(transport.out());
                Started started = negotiate(answers, control, false, channels);
                choice = started.choice();
                opened = started.start();
            } else {
                choice = alone(transport);
            }
            listener.event(new MigrationEvent.Handshake(transport.description(), transport.hasReturnPath(),
                    choice.protocol(), choice.stream(), choice.profile(), choice.note()));

            RecordWriter writer = openStream(transport.out(), choice);
            if (opened != null && opened.channels() > 1) {
                extras = ExtraChannels.open(this, opened, choice);
            }
            StateSaver.Save save = saver(choice.profile()).start(writer);
            ctx = new SourceContext(save, application, policy, listener, clock, extras == null ? null : extras.senders());
            ctx.backlog(backlog);
            StageTable table = protocol.table(choice.protocol());
            save.description();
            SessionRecords.writeSession(writer, choice.protocol(), table, RegionManifest.of(application.regions()));
            backlog.offer(writer);
            runStages(ctx, table, Part.STATIC);
            save.staticDataEnd();
            writer.flush();
            if (answers != null) {
                answers.await(ControlMessage.Accept.class, timeout);
                backlog.accepted();
                listener.event(new MigrationEvent.StaticDataAccepted());
            }
            runStages(ctx, table, Part.DYNAMIC);
            save.end();
            if (extras != null) {
                extras.finish();
            }
            long sent = ctx.paused() ? clock.nanoTime() - ctx.pausedAt() : 0;
            long mainOctets = writer.offset(); // what the target acknowledges
            // what the migration moved: with channels, the pages went over the others
            long octets = mainOctets + (extras == null ? 0 : extras.senders().octets());
            ctx.progress(octets);

            boolean confirmed = false;
            if (answers != null) {
                ControlMessage.Ack ack = answers.await(ControlMessage.Ack.class, timeout);
                if (ack.octets() != mainOctets || ack.records() != writer.records()) {
                    throw new IOException("the target acknowledged " + Plural.count(ack.records(), "record")
                            + " and " + Plural.count(ack.octets(), "octet") + ", but the source wrote "
                            + writer.records() + " and " + mainOctets);
                }
                listener.event(new MigrationEvent.Loaded(ack.records(), ack.octets()));
            } else {
                transport.sync();
            }
            // ---- the commit point: from here on the source never resumes on its own ----
            committed = true;
            long downtime = ctx.paused() ? clock.nanoTime() - ctx.pausedAt() : 0;
            if (control != null) {
                confirmed = sendGo(control, answers);
            }
            MigrationStats stats = new MigrationStats(ctx.iterations(), octets, clock.nanoTime() - start, downtime,
                    confirmed, choice.protocol(), choice.stream(), choice.profile(), sent);
            afterCommit(stats);
            return stats;
        } catch (IOException | RuntimeException | Error e) {
            if (committed) {
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                if (e instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e);
            }
            if (extras != null) {
                extras.abort();
            }
            throw fail(e, answers, transport, ctx);
        } finally {
            if (answers != null) {
                answers.close();
            }
            if (extras != null) {
                extras.close();
            }
            try {
                transport.close();
            } catch (IOException ignored) {
                // the outcome is decided; closing cannot change it
            }
        }
    }

    /**
     * Rehearses a migration over {@code transport}, and closes it (docs/MIGRATION.md, "Rehearsal"):
     * sends the whole state as {@link #migrate} would, but never pauses the application and never
     * commits. The target loads it into a fresh instance, runs the application's checks, discards
     * it and reports; the application runs on throughout and nothing of its state changes.
     *
     * @return what the target loaded and could not load; {@link RehearsalReport#passed()} says whether it passed
     * @throws MigrationFailedException when the rehearsal could not run to its end: no return path, no
     *                                  common ground, a target that predates rehearsals, the target
     *                                  failing or the connection dropping; the application ran on
     */
    public RehearsalReport rehearse(Transport transport) throws MigrationFailedException {
        return new SourceRehearsal(this)
                .run(transport);
    }

    /** Past the commit nothing may make the session resume: the application's and listener's failures are theirs. */
    private void afterCommit(MigrationStats stats) {
        try {
            application.handedOver(stats.targetConfirmed());
        } finally {
            listener.event(new MigrationEvent.Completed(stats));
        }
    }

    /** Sends GO and waits for DONE; a failure now leaves the target's start unconfirmed, nothing more. */
    private boolean sendGo(ControlWriter control, Answers answers) {
        try {
            control.write(new ControlMessage.Go());
            answers.await(ControlMessage.Done.class, timeout);
            return true;
        } catch (IOException e) {
            listener.event(new MigrationEvent.Failed("after the commit: " + e.getMessage(),
                    "the target's start is unconfirmed; the source does not resume"));
            return false;
        }
    }

    /** Resumes the application if it was paused, and says why the migration failed. */
    private MigrationFailedException fail(Throwable e, Answers answers, Transport transport, SourceContext ctx) {
        String reason = reason(e, answers, transport);
        boolean refused = e instanceof Answers.AnswerException a && a.refused() || reason.startsWith("the target refused");
        transport.abort();
        if (ctx != null) {
            ctx.releaseThrottle();
        }
        if (ctx != null && ctx.paused()) {
            application.resume();
        }
        String outcome = "the source resumed with its state intact";
        listener.event(new MigrationEvent.Failed(reason, outcome));
        if (e instanceof Error error && !(e instanceof OutOfMemoryError)) {
            throw error;
        }
        return new MigrationFailedException("migration failed: " + reason + "; " + outcome, reason, refused, e);
    }

    String reason(Throwable e, Answers answers, Transport transport) {
        if (e instanceof Answers.AnswerException || e instanceof TransportStalledException
                || e instanceof NotConvergedException) {
            return e.getMessage();
        }
        if (transport.stalled() != null) {
            return transport.stalled();
        }
        if (answers != null) {
            String theirs = answers.targetsReason(Duration.ofMillis(Math.min(1000, Math.max(100, timeout.toMillis() / 4))));
            if (theirs != null) {
                return theirs;
            }
        }
        if (e instanceof StreamFormatException || e instanceof java.io.UncheckedIOException) {
            Throwable t = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
            return "the connection to the target failed: " + t.getMessage();
        }
        if (e instanceof IOException) {
            return "the connection to the target failed: " + e.getMessage();
        }
        return "the source failed: " + e;
    }

    /** Without a return path: this source's newest protocol and stream version and profile (or the one asked for). */
    private Negotiation.Choice alone(Transport transport) throws IOException {
        if (channels > 1) {
            throw new IOException(transport.description() + " has no return path, so it takes one channel, not "
                    + channels + " (channels need tcp or tls)");
        }
        List<String> releases = releases();
        String p = profile != null ? profile : releases.isEmpty() ? "" : releases.getLast();
        return new Negotiation.Choice(protocol.window().max(), VersionWindow.supported().max(), p,
                transport.description() + " has no return path: no handshake, no refusal before the dynamic state and"
                        + " no acknowledgement; writing this source's newest versions"
                        + (p.isEmpty() ? "" : " for profile " + p));
    }

    /**
     * The handshake with a target that answers: waits for its HELLO, chooses what both run, and
     * says so with START, or REHEARSE for a rehearsal; with nothing in common, ABORT and a refusal.
     */
    Negotiation.Choice negotiate(Answers answers, ControlWriter control, boolean rehearsal) throws IOException {
        return negotiate(answers, control, rehearsal, 1).choice();
    }

    /** What the handshake chose, and the START that said so (a rehearsal's: as if it were a START). */
    record Started(Negotiation.Choice choice, ControlMessage.Start start) {
    }

    /**
     * {@link #negotiate(Answers, ControlWriter, boolean)}, over up to {@code wanted} channels: as
     * many as the target's HELLO takes, with a new random token when more than one.
     */
    Started negotiate(Answers answers, ControlWriter control, boolean rehearsal, int wanted) throws IOException {
        ControlMessage.Hello hello = answers.await(ControlMessage.Hello.class, timeout);
        Negotiation.Choice choice;
        try {
            choice = Negotiation.choose(hello, application.name(), protocol.window(), VersionWindow.supported(),
                    releases(), profile);
        } catch (Negotiation.NoCommonGround e) {
            control.write(new ControlMessage.Abort(e.getMessage()));
            throw new Answers.AnswerException(e.getMessage(), true);
        }
        int n = rehearsal ? 1 : Math.min(wanted, hello.channels());
        ControlMessage.Start start = n == 1 ? new ControlMessage.Start(choice.protocol(), choice.stream(), choice.profile())
                : new ControlMessage.Start(choice.protocol(), choice.stream(), choice.profile(), n, ExtraChannels.token());
        control.write(rehearsal
                ? new ControlMessage.Rehearse(choice.protocol(), choice.stream(), choice.profile())
                : start);
        if (wanted > 1) {
            choice = new Negotiation.Choice(choice.protocol(), choice.stream(), choice.profile(), choice.note() + "; "
                    + Plural.count(n, "channel") + " (" + wanted + " asked, the target takes " + hello.channels() + ")");
        }
        return new Started(choice, start);
    }

    /** The stream's writer on {@code out}, for what the handshake chose. */
    RecordWriter openStream(java.nio.channels.WritableByteChannel out, Negotiation.Choice choice) throws IOException {
        return RecordWriter.open(out, WriterOptions.defaults().withChecksums(checksums)
                .withProducer(application.name(), application.version()).withProfile(choice.profile())
                .withFormatVersion(choice.stream()).withBufferSize(1 << 20));
    }

    List<String> releases() {
        ReleaseProfiles r = application.profiles();
        return r == null ? List.of() : r.names();
    }

    /** Saves the application's registry for the profile the stream is written for ("" for none). */
    StateSaver saver(String profileName) {
        StateSaver saver = StateSaver.of(application.registry());
        ReleaseProfiles r = application.profiles();
        return r != null && !profileName.isEmpty() ? saver.forProfile(r.profile(profileName)) : saver;
    }

    void runStages(SourceContext ctx, StageTable table, Part part) throws IOException {
        List<Stage> stages = table.stages();
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            if (s.part() == part) {
                SessionRecords.writeStage(ctx.writer(), i, s.name());
                ctx.stage(s.name());
                listener.event(new MigrationEvent.StageStarted(i, s.name()));
                s.source().run(ctx);
            }
        }
    }
}
