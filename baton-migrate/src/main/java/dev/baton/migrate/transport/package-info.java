/**
 * Transports carry a migration's octets: a {@link dev.baton.migrate.transport.Transport} is a
 * pair of byte channels, one each way, every blocking call bounded by a timeout. Files and pipes
 * go one way; TCP and TLS (with mutual authentication) carry the target's answers back on the
 * same connection.
 */
package dev.baton.migrate.transport;
