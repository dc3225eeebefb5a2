package dev.baton.migrate.session;

import dev.baton.core.wire.StreamRecord;
import java.io.IOException;

/**
 * A stage's work on the target: it receives the stage's application records, between the
 * stage's STAGE record and the next one (SECTION records are loaded by the engine wherever they
 * come). Throwing fails the migration; before STATIC_DATA_END a
 * {@link dev.baton.core.engine.StreamRefusedException} is sent back as a refusal.
 */
public interface TargetStep {

    /** When the stage's STAGE record arrives. */
    default void begin(TargetContext ctx) throws IOException {
    }

    /** One of the stage's application records. */
    void record(TargetContext ctx, StreamRecord record) throws IOException;

    /** When the next stage begins, or the static part or the stream ends. */
    default void end(TargetContext ctx) throws IOException {
    }

    /** A stage that carries no application records of its own: one is an error. */
    static TargetStep none() {
        return (ctx, record) -> {
            throw record.error(record.typeName() + " in stage '" + ctx.stage() + "', which carries no such record", 0);
        };
    }
}
