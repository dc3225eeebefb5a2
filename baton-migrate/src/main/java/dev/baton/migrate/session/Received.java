package dev.baton.migrate.session;

import dev.baton.migrate.MigratableApplication;

/**
 * What a target session received ({@link TargetSession#receiveOrRehearse}): a migration, whose
 * instance now runs, or a rehearsal, whose instance was loaded, checked and discarded.
 */
public sealed interface Received {

    /** A migration: the application instance, activated. */
    record Migrated(MigratableApplication application) implements Received {
    }

    /** A rehearsal: what it found; nothing was activated. */
    record Rehearsed(RehearsalReport report) implements Received {
    }
}
