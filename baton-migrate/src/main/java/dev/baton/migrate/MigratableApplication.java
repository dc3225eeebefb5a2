package dev.baton.migrate;

import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StaticData;
import dev.baton.core.engine.StreamRefusedException;
import dev.baton.migrate.precopy.Region;
import java.util.List;

/**
 * What an application exposes to be migrated live: its sections, its pre-copy regions, its
 * releases, and the hooks a session calls as it goes. One instance is one state: on the source
 * the running one, on the target a new, empty one that the session fills and hands over only
 * once the migration is committed (docs/MIGRATION.md).
 *
 * <p>{@code baton migrate send|receive} finds implementations through
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.baton.migrate.MigratableApplication} of the application's jar.
 * The class needs a public no-argument constructor, which on the target must make the empty
 * state to load into.
 *
 * <p>{@link #registry()} and {@link #regions()} must return the same objects on every call.
 */
public interface MigratableApplication {

    /** The application's name: written as the stream's producer, and checked by the target. */
    String name();

    /** The application's version, written as the stream's producer version. */
    default String version() {
        return "";
    }

    /** The sections to migrate (static and dynamic). */
    SectionRegistry registry();

    /** The pre-copy regions: sent while the application runs, then what is left while it is paused. */
    default List<Region> regions() {
        return List.of();
    }

    /** The application's releases, so that a source writes what the target reads; null when none. */
    default ReleaseProfiles profiles() {
        return null;
    }

    // ---- source ----------------------------------------------------------------------------

    /**
     * Starts the application where {@code baton migrate send} hosts it: make or load its state and
     * start its work, on the instance the command made. An application that embeds
     * {@link dev.baton.migrate.session.SourceSession} itself never needs this.
     */
    default void launch() {
    }

    /**
     * Stop changing the migrated state, and return when it no longer changes: the downtime starts.
     * Only the dynamic sections and what is left of the regions are sent after this.
     */
    default void pause() {
    }

    /**
     * Slow the changes to the migrated state down to about {@code 100 - percent} % of their rate
     * (0 releases it): the source asks this when pre-copy does not converge and the policy says
     * {@link dev.baton.migrate.precopy.OnLimit#THROTTLE}, a {@link dev.baton.migrate.precopy.ThrottleSteps
     * step} higher after each pass that does not, and 0 when the application pauses or the
     * migration fails. Called on the session's thread: set a rate and return, as QEMU throttles a
     * guest's CPUs. An application that cannot slow down ignores it (the default), and its passes
     * converge or not as before.
     */
    default void throttle(int percent) {
    }

    /** The migration failed after {@link #pause()}: go on running. Nothing of the state was changed. */
    default void resume() {
    }

    /**
     * The target has the state and the source has committed: stop for good.
     *
     * @param confirmed true when the target confirmed that it runs (DONE); false when the connection
     *                  failed after the commit, so the target may or may not run: keep what can be kept
     *                  until someone checks (docs/MIGRATION.md, "The commit rule")
     */
    default void handedOver(boolean confirmed) {
    }

    // ---- target ----------------------------------------------------------------------------

    /** Refuse the stream at STATIC_DATA_END by throwing, before any dynamic state is sent. */
    default void checkStaticData(StaticData data) throws StreamRefusedException {
    }

    /** After the whole state loaded, before the target acknowledges: throw to refuse it. */
    default void verifyLoaded() throws StreamRefusedException {
    }

    /** The migration is committed: this state is now the application's; start running on it. */
    default void activate() {
    }

    /** The migration failed: drop this instance's half-loaded state. */
    default void discard() {
    }
}
