package dev.baton.migrate.session;

import java.time.Duration;
import dev.baton.migrate.transport.TransportListener;
import dev.baton.migrate.returnpath.ControlCodec;
import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.engine.Quirks;
import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StreamRefusedException;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.StreamHeader;
import dev.baton.core.wire.VersionWindow;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.MigrationClock;
import dev.baton.migrate.precopy.RegionReceiver;
import dev.baton.migrate.returnpath.ControlMessage;
import dev.baton.migrate.returnpath.ControlReader;
import dev.baton.migrate.returnpath.ControlWriter;
import dev.baton.migrate.transport.Transport;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The target of a live migration: loads the stream into a new application instance and hands it
 * over ({@link MigratableApplication#activate()}) only after it acknowledged the whole load and
 * the source answered GO, its commit. A failure anywhere before GO discards the instance
 * ({@link MigratableApplication#discard()}) and, over a connection, tells the source why
 * (REFUSE before STATIC_DATA_END is answered, ERROR after), so the source resumes. An activation
 * that fails (an exception of {@code activate}) discards it too, and answers ERROR instead of DONE:
 * the source then knows that this target does not serve.
 */
public final class TargetSession {
    private final Supplier<? extends MigratableApplication> factory;
    private final MigrationProtocol protocol;
    private final VersionWindow streams;
    private final MigrationListener listener;
    private final MigrationClock clock;
    private final Quirks quirks;
    private final int channels;
    private final TransportListener channelListener;
    private final Duration channelWait;

    private TargetSession(Builder b) {
        this.factory = b.factory;
        this.protocol = b.protocol;
        this.streams = b.streams;
        this.listener = b.listener;
        this.clock = b.clock;
        this.quirks = b.quirks;
        this.channels = b.channels;
        this.channelListener = b.channelListener;
        this.channelWait = b.channelWait;
    }

    /**
     * @param factory makes the new, empty application instance each migration loads into
     */
    public static Builder builder(Supplier<? extends MigratableApplication> factory) {
        return new Builder(factory);
    }

    /** How a target session receives. Timeouts are the transport's, measured on the session's clock. */
    public static final class Builder {
        private final Supplier<? extends MigratableApplication> factory;
        private MigrationProtocol protocol = MigrationProtocol.standard();
        private VersionWindow streams = VersionWindow.supported();
        private MigrationListener listener = MigrationListener.none();
        private MigrationClock clock = MigrationClock.system();
        private Quirks quirks = Quirks.none();
        private int channels = 1;
        private TransportListener channelListener;
        private Duration channelWait;

        private Builder(Supplier<? extends MigratableApplication> factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        public Builder protocol(MigrationProtocol p) {
            this.protocol = p;
            return this;
        }

        /** The stream format versions this target reads (default: every version this build reads). */
        public Builder streamVersions(VersionWindow w) {
            this.streams = w;
            return this;
        }

        public Builder listener(MigrationListener l) {
            this.listener = l;
            return this;
        }

        /**
         * The clock the transport's timeout is measured on (default {@link MigrationClock#system()}):
         * a test's clock, which moves only when the test says, keeps a loaded machine from timing out.
         */
        public Builder clock(MigrationClock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * The quirks of past producers this target knows (docs/COMPATIBILITY.md, "Quirks"): a
         * section a listed producer release declared at one version while writing another's
         * layout is read at the version the quirk names, its fix-up runs, and the listener hears
         * {@link MigrationEvent.QuirkApplied}. The same {@link Quirks} a {@code StateLoader} takes;
         * default none.
         */
        public Builder quirks(Quirks known) {
            this.quirks = Objects.requireNonNull(known, "quirks");
            return this;
        }

        /**
         * Take up to {@code n} connections for a migration (docs/MIGRATION.md, "Channels"; default
         * 1): HELLO offers them, and when the source's START asks for more than one, the others
         * are accepted from {@code listener} (the one the first came from) within {@code wait},
         * each kept only when it presents START's token. A source that asks for fewer, or
         * predates channels, migrates over the one.
         *
         * @param n from 1 to {@value ControlCodec#MAX_CHANNELS}
         */
        public Builder channels(int n, TransportListener listener, Duration wait) {
            if (n < 1 || n > ControlCodec.MAX_CHANNELS) {
                throw new IllegalArgumentException("channels " + n + " is not 1 to " + ControlCodec.MAX_CHANNELS);
            }
            this.channels = n;
            this.channelListener = n > 1 ? Objects.requireNonNull(listener, "listener") : null;
            this.channelWait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        public TargetSession build() {
            return new TargetSession(this);
        }
    }

    /**
     * Receives one migration over {@code transport}, and closes it.
     *
     * @return the new application instance, activated
     * @throws MigrationFailedException when the migration failed: the instance was discarded; and
     *                                  when the source rehearsed (use {@link #receiveOrRehearse}):
     *                                  the rehearsal ran and the source has its report, but nothing
     *                                  was activated
     */
    public MigratableApplication receive(Transport transport) throws MigrationFailedException {
        return switch (receiveOrRehearse(transport)) {
            case Received.Migrated m -> m.application();
            case Received.Rehearsed r -> {
                String reason = "the source rehearsed: the state was loaded, checked and discarded, and nothing was"
                        + " activated";
                throw new MigrationFailedException(reason, reason, false, null);
            }
        };
    }

    /**
     * Receives one migration or one rehearsal over {@code transport}, whichever the source sends,
     * and closes it. A rehearsal (REHEARSE instead of START; docs/MIGRATION.md, "Rehearsal") loads
     * into the factory's fresh instance, runs its checks, collects per section what could not load,
     * discards the instance and answers the source with a REPORT; it never activates.
     *
     * @return the activated instance, or the rehearsal's report
     * @throws MigrationFailedException when the migration or the rehearsal failed, or the instance could not
     *                                  be activated: the instance was discarded
     */
    public Received receiveOrRehearse(Transport transport) throws MigrationFailedException {
        transport.clock(clock);
        MigratableApplication app = factory.get();
        ControlWriter control = transport.hasReturnPath() ? new ControlWriter(transport.out()) : null;
        boolean[] accepted = {false};
        ChannelReceivers extras = null;
        try {
            ControlReader forward = null;
            ControlMessage.Start start = null;
            if (control != null) {
                ReleaseProfiles releases = app.profiles();
                control.write(new ControlMessage.Hello(app.name(), protocol.window().min(), protocol.window().max(),
                        streams.min(), streams.max(), releases == null ? List.of() : releases.names(),
                        transport.hasReturnPath() && channelListener != null ? channels : 1));
                forward = new ControlReader(transport.in(), "forward control");
                ControlMessage first = forward.read();
                if (first instanceof ControlMessage.Rehearse r) {
                    return new Received.Rehearsed(new TargetRehearsal(this, protocol, streams, listener, quirks, clock)
                            .run(app, transport, control, r));
                }
                start = switch (first) {
                    case ControlMessage.Start s -> s;
                    case ControlMessage.Abort a -> throw new Aborted(a.reason());
                    case ControlMessage m -> throw new IOException("protocol error: the source sent " + m.name()
                            + " where START was due");
                };
                listener.event(new MigrationEvent.Handshake(transport.description(), true, start.protocol(),
                        start.stream(), start.profile(), "protocol " + start.protocol() + ", stream version "
                                + start.stream() + (start.profile().isEmpty() ? ", no profile" : ", profile "
                                + start.profile()) + (start.channels() > 1 ? ", " + start.channels() + " channels" : "")
                                + ", as the source chose from this target's HELLO"));
                if (start.channels() > 1) {
                    if (channelListener == null || start.channels() > channels) {
                        throw new IOException("protocol error: the source asked for " + start.channels()
                                + " channels; this target offered " + (channelListener == null ? 1 : channels));
                    }
                    extras = ChannelReceivers.accept(channelListener, start, channelWait, clock,
                            why -> listener.event(new MigrationEvent.ChannelRefused(why)));
                }
            }
            ReaderOptions readerOptions = ReaderOptions.defaults().withWindow(streams)
                    .withApplicationTypes(protocol.recordTypes());
            RecordReader reader = RecordReader.open(transport.in(), readerOptions);
            StreamHeader header = reader.header();
            if (start != null) {
                checkHeader(header, "START", start.stream(), start.profile());
            }
            checkProducer(header, app);
            if (start == null) {
                listener.event(new MigrationEvent.Handshake(transport.description(), false, 0, header.readVersion(),
                        header.profile(), transport.description() + " has no return path: no handshake, no"
                                + " acknowledgement"));
            }
            StateLoader loader = StateLoader.of(app.registry()).withProfiles(app.profiles()).withQuirks(quirks);
            // objects of object collections load under the profile's pins, as the loader loads sections
            DescriptionContext objects = loader.contextFor(header.profile());
            RegionReceiver receiver = new RegionReceiver(app.regions(), objects);
            TargetContext ctx = new TargetContext(app, reader, receiver, objects, listener);
            ctx.channels(extras);
            ChannelReceivers channelsToStart = extras;
            ControlMessage.Start started = start;
            if (control != null) {
                ctx.answerMarks(control);
            }
            StageDispatcher stages = new StageDispatcher(protocol, ctx, start == null ? 0 : start.protocol());
            loader = loader.onRecord(stages::record)
                    .onStaticData(data -> {
                        stages.staticDataEndsOrRefuse();
                        app.checkStaticData(data);
                        if (channelsToStart != null) {
                            channelsToStart.start(receiver, readerOptions, started);
                        }
                        if (control != null) {
                            try {
                                control.write(new ControlMessage.Accept());
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                        accepted[0] = true;
                        listener.event(new MigrationEvent.StaticDataAccepted());
                    });
            StateLoader.Report loaded = loader.load(reader);
            for (String applied : loaded.quirks()) {
                listener.event(new MigrationEvent.QuirkApplied(applied));
            }
            stages.streamEnds();
            if (extras != null) {
                extras.finish();
            }
            receiver.checkComplete();
            app.verifyLoaded();
            listener.event(new MigrationEvent.Loaded(reader.records(), reader.offset()));
            if (control != null) {
                control.write(new ControlMessage.Ack(reader.records(), reader.offset()));
                forward.skipped(reader.offset());
                ControlMessage go = forward.read();
                if (!(go instanceof ControlMessage.Go)) {
                    throw new IOException("protocol error: the source sent " + go.name() + " where GO was due");
                }
            } else {
                reader.expectEndOfInput();
            }
        } catch (MigrationFailedException rehearsalFailed) {
            throw rehearsalFailed; // a rehearsal's failure, said and discarded already
        } catch (IOException | RuntimeException | Error e) {
            if (extras != null) {
                extras.abort();
            }
            throw fail(e, transport, control, accepted[0], app);
        } finally {
            if (extras != null) {
                extras.close();
            }
        }
        // ---- committed: the state is the application's now ----
        try {
            app.activate();
        } catch (RuntimeException | Error e) {
            // it cannot start (a port it cannot bind, ...): ERROR instead of DONE tells the source why, which
            // then knows this target never served
            throw fail(e, transport, control, true, app, "activation");
        }
        listener.event(new MigrationEvent.Activated());
        try {
            if (control != null) {
                control.write(new ControlMessage.Done());
                transport.finishOutput();
            }
        } catch (IOException ignored) {
            // the source has committed already; DONE only confirms it
        } finally {
            try {
                transport.close();
            } catch (IOException ignored) {
                // nothing left to lose
            }
        }
        return new Received.Migrated(app);
    }

    /** The stream's header must be what START (or REHEARSE) announced. */
    static void checkHeader(StreamHeader header, String message, int stream, String profile) throws IOException {
        if (header.preamble().version() != stream || !header.profile().equals(profile)) {
            throw new IOException("the stream's header (version " + header.preamble().version() + ", profile '"
                    + header.profile() + "') is not what " + message + " announced (version " + stream
                    + ", profile '" + profile + "')");
        }
    }

    /** The stream must be the target application's. */
    static void checkProducer(StreamHeader header, MigratableApplication app) throws StreamRefusedException {
        if (!header.producerName().equals(app.name())) {
            throw new StreamRefusedException("the stream was written by '" + header.producerName()
                    + "', this target is '" + app.name() + "'");
        }
    }

    /** Discards the instance, tells the source why when it can, and says so in one line. */
    private MigrationFailedException fail(Throwable e, Transport transport, ControlWriter control, boolean accepted,
            MigratableApplication app) {
        return fail(e, transport, control, accepted, app, "migration");
    }

    /** {@link #fail}, of a migration or a rehearsal ({@code what}). */
    MigrationFailedException fail(Throwable e, Transport transport, ControlWriter control, boolean accepted,
            MigratableApplication app, String what) {
        Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        String reason = reason(cause, transport);
        boolean refused = cause instanceof StreamRefusedException || cause instanceof Aborted;
        if (control != null && !(cause instanceof Aborted)) {
            try {
                control.write(!accepted && cause instanceof StreamRefusedException
                        ? new ControlMessage.Refuse(reason) : new ControlMessage.Error(reason));
            } catch (IOException | RuntimeException ignored) {
                // the connection may be what failed: the source finds out by itself then
            }
        }
        transport.abort();
        try {
            transport.close();
        } catch (IOException ignored) {
            // already aborted
        }
        try {
            app.discard();
        } finally {
            listener.event(new MigrationEvent.Failed(reason, "the target discarded what it loaded"));
        }
        if (e instanceof Error error && !(e instanceof OutOfMemoryError)) {
            throw error;
        }
        return new MigrationFailedException(what + (refused ? " refused: " : " failed: ") + reason
                + "; the target discarded what it loaded", reason, refused, cause);
    }

    private static String reason(Throwable e, Transport transport) {
        if (transport.stalled() != null) {
            return transport.stalled();
        }
        if (e instanceof Aborted a) {
            return "the source aborted: " + a.getMessage();
        }
        if (e instanceof StreamRefusedException) {
            return e.getMessage();
        }
        if (e instanceof java.io.EOFException) {
            return "the source closed the connection: " + e.getMessage();
        }
        if (e instanceof IOException) {
            return e.getMessage();
        }
        return "the target failed: " + e;
    }

    /** The source sent ABORT: it found nothing it could write that this target reads. */
    private static final class Aborted extends IOException {
        private static final long serialVersionUID = 1L;

        Aborted(String reason) {
            super(reason);
        }
    }
}
