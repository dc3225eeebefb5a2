package dev.baton.migrate.session;

import dev.baton.core.engine.Part;
import dev.baton.core.engine.StreamRefusedException;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamRecord;
import dev.baton.migrate.RecordTypes;
import java.io.IOException;
import java.util.List;

/**
 * The target's walk through the stage table: checks the MIGRATION_SESSION record against its own
 * table and regions, follows the MIGRATION_STAGE records in order, and hands each stage's
 * records to the stage's target step.
 */
final class StageDispatcher {
    private final MigrationProtocol protocol;
    private final TargetContext ctx;
    /** The protocol version START announced, or 0 without a return path. */
    private final int announced;
    private StageTable table;
    private int current = -1;
    /** Whether the current stage's target step has begun and not yet ended. */
    private boolean open;
    private boolean staticEnded;

    StageDispatcher(MigrationProtocol protocol, TargetContext ctx, int announced) {
        this.protocol = protocol;
        this.ctx = ctx;
        this.announced = announced;
    }

    /** Every record the loader does not load itself. */
    void record(StreamRecord r) throws IOException {
        ctx.listener().progress(r.offset() + 8 + r.length(), -1);
        if (r.type() == RecordType.DESCRIPTION) {
            return;
        }
        if (r.type() == RecordTypes.LOAD_MARK) {
            ctx.loadMark(r); // in any stage, before STATIC_DATA_END too
            return;
        }
        if (r.type() == RecordTypes.SESSION) {
            session(r);
            return;
        }
        if (table == null) {
            throw r.error(r.typeName() + " before MIGRATION_SESSION, which must come first", 0);
        }
        if (r.type() == RecordTypes.STAGE) {
            stage(r);
            return;
        }
        if (current < 0) {
            throw r.error(r.typeName() + " before the first MIGRATION_STAGE", 0);
        }
        table.stages().get(current).target().record(ctx, r);
    }

    private void session(StreamRecord r) throws IOException {
        if (table != null) {
            throw r.error("second MIGRATION_SESSION", 0);
        }
        SessionRecords.Session s = SessionRecords.readSession(r);
        if (announced != 0 && s.protocol() != announced) {
            throw r.error("the stream is of protocol version " + s.protocol() + " but START announced " + announced, 0);
        }
        if (!protocol.window().contains(s.protocol())) {
            throw new StreamRefusedException("the stream is of migration protocol version " + s.protocol()
                    + ", this target runs " + protocol.window());
        }
        StageTable mine = protocol.table(s.protocol());
        if (!mine.names().equals(s.stages())) {
            throw new StreamRefusedException("protocol version " + s.protocol() + " has stages " + s.stages()
                    + " in the source but " + mine.names() + " here");
        }
        ctx.receiver().expect(s.regions());
        table = mine;
    }

    private void stage(StreamRecord r) throws IOException {
        SessionRecords.StageMark mark = SessionRecords.readStage(r);
        int next = current + 1;
        List<Stage> stages = table.stages();
        if (next >= stages.size() || mark.index() != next || !mark.name().equals(stages.get(next).name())) {
            throw r.error("stage #" + mark.index() + " '" + mark.name() + "' where stage #" + next + " "
                    + (next < stages.size() ? "'" + stages.get(next).name() + "'" : "(none: the table has ended)")
                    + " was due", 0);
        }
        Stage s = stages.get(next);
        if ((s.part() == Part.DYNAMIC) != r.dynamic()) {
            throw r.error("stage '" + s.name() + "' is " + s.part().name().toLowerCase(java.util.Locale.ROOT)
                    + " but comes " + (r.dynamic() ? "after" : "before") + " STATIC_DATA_END", 0);
        }
        endCurrent();
        current = next;
        ctx.stage(s.name());
        ctx.listener().event(new MigrationEvent.StageStarted(next, s.name()));
        open = true;
        s.target().begin(ctx);
    }

    private void endCurrent() throws IOException {
        if (open) {
            open = false;
            table.stages().get(current).target().end(ctx);
        }
    }

    /**
     * {@link #staticDataEnds()} as a loader's static-data check calls it: a stage that did not run
     * is a refusal of the static data, which is what the source hears.
     */
    void staticDataEndsOrRefuse() throws StreamRefusedException {
        try {
            staticDataEnds();
        } catch (StreamRefusedException e) {
            throw e;
        } catch (IOException e) {
            throw new StreamRefusedException(e.getMessage());
        }
    }

    /** At STATIC_DATA_END: every static stage must have run. */
    void staticDataEnds() throws IOException {
        if (table == null) {
            throw new StreamRefusedException("no MIGRATION_SESSION record before STATIC_DATA_END: this is not a"
                    + " migration stream");
        }
        int lastStatic = -1;
        for (int i = 0; i < table.stages().size(); i++) {
            if (table.stages().get(i).part() == Part.STATIC) {
                lastStatic = i;
            }
        }
        if (current != lastStatic) {
            throw new StreamFormatException("STATIC_DATA_END after stage #" + current + " but the static stages end"
                    + " with #" + lastStatic, ctx.reader().offset(), ctx.reader().records() - 1, RecordType.STATIC_DATA_END,
                    null);
        }
        endCurrent();
        staticEnded = true;
    }

    /** At END: every stage must have run. */
    void streamEnds() throws IOException {
        if (!staticEnded || table == null) {
            throw new StreamRefusedException("the stream ended before its static data did");
        }
        int last = table.stages().size() - 1;
        if (current != last && table.stages().get(last).part() == Part.DYNAMIC) {
            throw new StreamFormatException("END after stage #" + current + " of " + (last + 1) + " stages",
                    ctx.reader().offset(), ctx.reader().records() - 1, RecordType.END, null);
        }
        endCurrent();
    }
}
