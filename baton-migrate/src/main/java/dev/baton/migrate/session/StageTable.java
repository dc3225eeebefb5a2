package dev.baton.migrate.session;

import dev.baton.core.engine.Part;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered stages of one migration protocol version: static stages first, then dynamic ones.
 * Immutable; {@link #insertAfter} and {@link #append} make new tables, for a new protocol
 * version that adds an application's stage.
 */
public final class StageTable {
    private final List<Stage> stages;

    public StageTable(List<Stage> stages) {
        Set<String> names = new HashSet<>();
        boolean dynamic = false;
        for (Stage s : stages) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("stage '" + s.name() + "' is listed twice");
            }
            if (s.part() == Part.DYNAMIC) {
                dynamic = true;
            } else if (dynamic) {
                throw new IllegalArgumentException("static stage '" + s.name() + "' after a dynamic one");
            }
        }
        this.stages = List.copyOf(stages);
    }

    /** Baton's own stages: static sections; pre-copy; stop-and-copy; dynamic sections. */
    public static StageTable standard() {
        return StandardStages.table();
    }

    public List<Stage> stages() {
        return stages;
    }

    public List<String> names() {
        return stages.stream().map(Stage::name).toList();
    }

    /** A table with {@code stage} right after the stage named {@code after}. */
    public StageTable insertAfter(String after, Stage stage) {
        List<Stage> copy = new ArrayList<>(stages);
        int at = names().indexOf(after);
        if (at < 0) {
            throw new IllegalArgumentException("no stage '" + after + "' in " + names());
        }
        copy.add(at + 1, stage);
        return new StageTable(copy);
    }

    /** A table with {@code stage} at the end. */
    public StageTable append(Stage stage) {
        List<Stage> copy = new ArrayList<>(stages);
        copy.add(stage);
        return new StageTable(copy);
    }

    @Override
    public String toString() {
        return names().toString();
    }
}
