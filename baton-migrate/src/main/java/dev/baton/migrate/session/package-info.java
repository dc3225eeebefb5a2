/**
 * Migration sessions: the source and target sides of the protocol (handshake over the return
 * path, static data and its acceptance, dynamic stages, END, ACK, GO, DONE), the stage table of
 * each protocol version ({@link dev.baton.migrate.session.MigrationProtocol},
 * {@link dev.baton.migrate.session.StageTable}), and the events a session reports
 * ({@link dev.baton.migrate.session.MigrationEvent}).
 */
package dev.baton.migrate.session;
