/**
 * The return path and the other control messages of a migration session: small, framed,
 * checksummed, length-checked messages outside the Baton stream (docs/MIGRATION.md). The target
 * announces what it reads (HELLO), accepts or refuses the static data (ACCEPT, REFUSE), confirms
 * the load (ACK) and its start (DONE), or reports a failure (ERROR); the source answers with
 * START or ABORT before the stream and GO after it.
 */
package dev.baton.migrate.returnpath;
