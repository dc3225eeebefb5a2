package dev.baton.migrate.session;

import dev.baton.core.engine.Part;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.RecordWriter;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.MigrationClock;
import dev.baton.migrate.precopy.RegionManifest;
import dev.baton.migrate.returnpath.ControlCodec;
import dev.baton.migrate.returnpath.ControlMessage;
import dev.baton.migrate.returnpath.ControlWriter;
import dev.baton.migrate.transport.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The source's side of a rehearsal ({@link SourceSession#rehearse}):
 *
 * <pre>
 *   target → HELLO                        source → REHEARSE (what it writes), or ABORT
 *   source → the whole stream, as a migration's, with the application running throughout
 *            (ACCEPT after STATIC_DATA_END, whatever the target's checks said)
 *   target → REPORT (after it loaded, checked and discarded)
 * </pre>
 *
 * No pause, no ACK, no GO: nothing is committed, and whatever fails, the application has run on
 * untouched. The source digests the octets as it writes them; the target digests them as it reads
 * them, and the two must agree.
 */
final class SourceRehearsal {
    private final SourceSession session;
    private final MigratableApplication application;
    private final MigrationListener listener;
    private final MigrationClock clock;

    /** A rehearsal with {@code session}'s settings: its application, protocol, policy, timeout, profile. */
    SourceRehearsal(SourceSession session) {
        this.session = session;
        this.application = session.application;
        this.listener = session.listener;
        this.clock = session.clock;
    }

    RehearsalReport run(Transport transport) throws MigrationFailedException {
        long start = clock.nanoTime();
        if (!transport.hasReturnPath()) {
            try {
                transport.close();
            } catch (IOException ignored) {
                // nothing was written
            }
            String reason = "a rehearsal needs a connection to a target, which answers with its report: "
                    + transport.description() + " has no return path";
            throw new MigrationFailedException("rehearsal failed: " + reason, reason, false, null);
        }
        Answers answers = null;
        try {
            transport.clock(clock);
            transport.timeReads(false);
            answers = Answers.start(transport, clock);
            ControlWriter control = new ControlWriter(transport.out());
            Negotiation.Choice choice = session.negotiate(answers, control, true);
            listener.event(new MigrationEvent.Handshake(transport.description(), true, choice.protocol(),
                    choice.stream(), choice.profile(), "rehearsal: " + choice.note()));

            StreamSha256 sent = new StreamSha256();
            RecordWriter writer = session.openStream(sent.writing(transport.out()), choice);
            var save = session.saver(choice.profile()).start(writer);
            SourceContext ctx = new SourceContext(save, application, session.policy, listener, clock, null);
            ctx.rehearsal();
            StageTable table = session.protocol.table(choice.protocol());
            save.description();
            SessionRecords.writeSession(writer, choice.protocol(), table, RegionManifest.of(application.regions()));
            session.runStages(ctx, table, Part.STATIC);
            save.staticDataEnd();
            writer.flush();
            answers.await(ControlMessage.Accept.class, session.timeout);
            listener.event(new MigrationEvent.StaticDataAccepted());
            session.runStages(ctx, table, Part.DYNAMIC);
            save.end();
            long octets = writer.offset();
            ctx.progress(octets);
            String sentSha256 = sent.hex();

            ControlMessage.Report report = answers.await(ControlMessage.Report.class, session.timeout);
            List<String> problems = new ArrayList<>(report.problems());
            if (report.records() != writer.records() || report.octets() != octets) {
                problems.add("the target read " + Plural.count(report.records(), "record") + " and "
                        + Plural.count(report.octets(), "octet") + ", but the source wrote " + writer.records()
                        + " and " + octets);
            } else if (!report.streamSha256().equals(sentSha256)) {
                problems.add("the stream the target read (sha256 " + report.streamSha256()
                        + ") is not the one the source wrote (sha256 " + sentSha256 + ")");
            }
            return new RehearsalReport(application.name(), choice.protocol(), choice.stream(), choice.profile(),
                    report.records(), report.octets(), sentSha256, report.streamSha256(), report.sections(),
                    report.omitted(), problems, clock.nanoTime() - start);
        } catch (IOException | RuntimeException e) {
            throw fail(e, answers, transport);
        } finally {
            if (answers != null) {
                answers.close();
            }
            try {
                transport.close();
            } catch (IOException ignored) {
                // the outcome is decided
            }
        }
    }

    /** Says why the rehearsal stopped; the application ran on all along, so there is nothing to resume. */
    private MigrationFailedException fail(Throwable e, Answers answers, Transport transport) {
        String reason = session.reason(e, answers, transport);
        if (reason.contains(String.format("unknown control message type 0x%08x", ControlCodec.REHEARSE))) {
            reason = "the target does not know rehearsals (it is older than REHEARSE) and loaded nothing: " + reason;
        }
        boolean refused = e instanceof Answers.AnswerException a && a.refused() || reason.startsWith("the target refused");
        transport.abort();
        String outcome = "the source ran on throughout, its state untouched";
        listener.event(new MigrationEvent.Failed(reason, outcome));
        return new MigrationFailedException("rehearsal failed: " + reason + "; " + outcome, reason, refused, e);
    }
}
