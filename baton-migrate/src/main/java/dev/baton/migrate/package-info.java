/**
 * Live migration of a running application's state (docs/MIGRATION.md): an application exposes
 * its sections and regions as a {@link dev.baton.migrate.MigratableApplication};
 * {@link dev.baton.migrate.session.SourceSession} sends it over a
 * {@link dev.baton.migrate.transport.Transport} and
 * {@link dev.baton.migrate.session.TargetSession} loads it into a new instance, which runs only
 * once the source has committed. {@link dev.baton.migrate.RecordTypes} lists the record types
 * baton-migrate owns in the stream.
 */
package dev.baton.migrate;
