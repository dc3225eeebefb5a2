package dev.baton.migrate.session;

import dev.baton.core.engine.Part;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a stage table: a named step with what the source does and what the target does
 * (passt's {@code struct migrate_stage}). Static stages run before STATIC_DATA_END, dynamic ones
 * after the target accepted the static data.
 *
 * @param name        unique in its table; written in the stream
 * @param part        static or dynamic
 * @param source      what the source writes
 * @param target      what the target does with it
 * @param recordTypes the application record types the stage writes, with their names, so that the
 *                    target's reader knows them (baton-migrate's own need not be listed)
 */
public record Stage(String name, Part part, SourceStep source, TargetStep target, Map<Integer, String> recordTypes) {

    public Stage {
        if (name == null || name.isEmpty() || name.length() > 256) {
            throw new IllegalArgumentException("a stage needs a name of 1 to 256 characters");
        }
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        recordTypes = Map.copyOf(recordTypes);
    }

    public static Stage of(String name, Part part, SourceStep source, TargetStep target) {
        return new Stage(name, part, source, target, Map.of());
    }

    /** The same stage, declaring the record types it writes. */
    public Stage withRecordTypes(Map<Integer, String> types) {
        return new Stage(name, part, source, target, types);
    }
}
