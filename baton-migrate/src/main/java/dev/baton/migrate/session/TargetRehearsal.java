package dev.baton.migrate.session;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.engine.Quirks;
import dev.baton.core.engine.RegisteredSection;
import dev.baton.core.engine.SectionOutcomes;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.engine.StreamRefusedException;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.SectionHeader;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamHeader;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.VersionWindow;
import dev.baton.core.wire.WriterOptions;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.MigrationClock;
import dev.baton.migrate.precopy.RegionReceiver;
import dev.baton.migrate.returnpath.ControlCodec;
import dev.baton.migrate.returnpath.ControlMessage;
import dev.baton.migrate.returnpath.ControlMessage.Report.Outcome;
import dev.baton.migrate.returnpath.ControlMessage.Report.Section;
import dev.baton.migrate.returnpath.ControlWriter;
import dev.baton.migrate.transport.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The target's side of a rehearsal ({@link TargetSession#receiveOrRehearse}): after REHEARSE it
 * reads the stream into the fresh instance as a migration would, but collects instead of stopping:
 * a section that does not load is noted and the next one loads; a refusing
 * {@link MigratableApplication#checkStaticData} or {@link MigratableApplication#verifyLoaded}, and
 * regions that did not all arrive, are noted as problems (ACCEPT goes back whatever the check
 * said, so that the dynamic state still comes and is tried). Then it saves each loaded section
 * again under the stream's profile and compares it with what came, discards the instance, and
 * answers REPORT. What cannot be read on (the stream's framing, the stage table, a region's
 * records) ends it with ERROR, as it ends a migration.
 */
final class TargetRehearsal {
    private final TargetSession session;
    private final MigrationProtocol protocol;
    private final VersionWindow streams;
    private final MigrationListener listener;
    private final Quirks quirks;
    private final MigrationClock clock;

    TargetRehearsal(TargetSession session, MigrationProtocol protocol, VersionWindow streams,
            MigrationListener listener, Quirks quirks, MigrationClock clock) {
        this.session = session;
        this.protocol = protocol;
        this.streams = streams;
        this.listener = listener;
        this.quirks = quirks;
        this.clock = clock;
    }

    /** What came in one SECTION record: its version and data, to compare with the loaded section saved again. */
    private record Came(SectionHeader header, int version, ByteBuffer data) {
    }

    RehearsalReport run(MigratableApplication app, Transport transport, ControlWriter control,
            ControlMessage.Rehearse rehearse) throws MigrationFailedException {
        long start = clock.nanoTime();
        boolean[] accepted = {false};
        try {
            listener.event(new MigrationEvent.Handshake(transport.description(), true, rehearse.protocol(),
                    rehearse.stream(), rehearse.profile(), "rehearsal: protocol " + rehearse.protocol()
                            + ", stream version " + rehearse.stream() + (rehearse.profile().isEmpty() ? ", no profile"
                            : ", profile " + rehearse.profile()) + ", as the source chose from this target's HELLO"));
            StreamSha256 read = new StreamSha256();
            RecordReader reader = RecordReader.open(read.reading(transport.in()), ReaderOptions.defaults()
                    .withWindow(streams).withApplicationTypes(protocol.recordTypes()));
            StreamHeader header = reader.header();
            TargetSession.checkHeader(header, "REHEARSE", rehearse.stream(), rehearse.profile());
            TargetSession.checkProducer(header, app);
            StateLoader loader = StateLoader.of(app.registry()).withProfiles(app.profiles()).withQuirks(quirks);
            DescriptionContext objects = loader.contextFor(header.profile());
            RegionReceiver receiver = new RegionReceiver(app.regions(), objects);
            TargetContext ctx = new TargetContext(app, reader, receiver, objects, listener);
            StageDispatcher stages = new StageDispatcher(protocol, ctx, rehearse.protocol());
            List<String> problems = new ArrayList<>();
            List<Section> sections = new ArrayList<>();
            Map<Integer, Came> came = new HashMap<>();
            loader = loader.onRecord(stages::record)
                    .onStaticData(data -> {
                        stages.staticDataEndsOrRefuse();
                        try {
                            app.checkStaticData(data);
                        } catch (StreamRefusedException e) {
                            problems.add("the application refused the static data: " + e.getMessage());
                        }
                        try {
                            control.write(new ControlMessage.Accept());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        accepted[0] = true;
                        listener.event(new MigrationEvent.StaticDataAccepted());
                    })
                    .onSection(new SectionOutcomes() {
                        @Override
                        public void loaded(StreamRecord r, SectionHeader h) throws IOException {
                            ByteBuffer data = r.sectionData();
                            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
                            came.put(sections.size(), new Came(h, h.version(), copy));
                            sections.add(new Section(Outcome.LOADED, h.idstr(), h.instanceId(), h.version(), ""));
                        }

                        @Override
                        public void failed(StreamRecord r, SectionHeader h, StreamFormatException e) {
                            sections.add(new Section(Outcome.FAILED, h.idstr(), h.instanceId(), h.version(),
                                    e.getMessage()));
                        }
                    });
            StateLoader.Report loaded = loader.load(reader);
            for (String applied : loaded.quirks()) {
                listener.event(new MigrationEvent.QuirkApplied(applied));
            }
            stages.streamEnds();
            try {
                receiver.checkComplete();
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
            try {
                app.verifyLoaded();
            } catch (StreamRefusedException e) {
                problems.add("the application refused the loaded state: " + e.getMessage());
            }
            // a section read through a quirk was written in another layout than its version says: its
            // octets cannot come back the same, and the quirk is what makes it load
            came.values().removeIf(c -> loaded.quirks().stream().anyMatch(q -> q.startsWith(c.header().name() + ":")));
            compareWrittenBack(app, header.profile(), sections, came);
            String readSha256 = read.hex();
            app.discard();
            ControlMessage.Report report = new ControlMessage.Report(reader.records(), reader.offset(), readSha256,
                    sections, 0, problems.subList(0, Math.min(problems.size(), ControlCodec.MAX_PROBLEMS)));
            control.write(report);
            transport.finishOutput();
            try {
                transport.close();
            } catch (IOException ignored) {
                // the report is sent
            }
            return new RehearsalReport(app.name(), rehearse.protocol(), rehearse.stream(), rehearse.profile(),
                    reader.records(), reader.offset(), "", readSha256, sections, 0, problems,
                    clock.nanoTime() - start);
        } catch (IOException | RuntimeException | Error e) {
            throw session.fail(e, transport, control, accepted[0], app, "rehearsal");
        }
    }

    /**
     * Saves each loaded section of {@code app} again, under the stream's profile, and marks those
     * whose octets differ from what came: what the load lost or changed.
     */
    private static void compareWrittenBack(MigratableApplication app, String profile, List<Section> sections,
            Map<Integer, Came> came) throws IOException {
        if (came.isEmpty()) {
            return;
        }
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        StateSaver saver = StateSaver.of(app.registry());
        if (app.profiles() != null && !profile.isEmpty()) {
            saver = saver.forProfile(app.profiles().profile(profile));
        }
        try (RecordWriter w = RecordWriter.open(octets, WriterOptions.defaults().withChecksums(false)
                .withProfile(profile).withCreated(Instant.EPOCH))) {
            StateSaver.Save save = saver.start(w);
            for (Came c : came.values()) {
                RegisteredSection<?> s = app.registry().find(c.header().idstr(), c.header().instanceId());
                save.section(s);
            }
            w.writeStaticDataEnd();
            save.end();
        }
        try (RecordReader r = RecordReader.open(new ByteArrayInputStream(octets.toByteArray()),
                ReaderOptions.defaults())) {
            for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                if (rec.type() == RecordType.SECTION) {
                    SectionHeader h = rec.sectionHeader();
                    compare(sections, came, h, rec.sectionData());
                }
            }
        }
    }

    private static void compare(List<Section> sections, Map<Integer, Came> came, SectionHeader h, ByteBuffer data) {
        for (Map.Entry<Integer, Came> e : came.entrySet()) {
            Came c = e.getValue();
            if (!c.header().name().equals(h.name())) {
                continue;
            }
            String why = null;
            if (h.version() != c.version()) {
                why = "loaded from version " + c.version() + ", it writes back at version " + h.version();
            } else {
                int at = data.mismatch(c.data());
                if (at >= 0) {
                    why = "it writes back other data than came, from octet " + at + " of its data on";
                }
            }
            if (why != null) {
                Section s = sections.get(e.getKey());
                sections.set(e.getKey(), new Section(Outcome.DIFFERS, s.idstr(), s.instance(), s.version(), why));
            }
        }
    }
}
