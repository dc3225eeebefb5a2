/** A small migratable application for the command line's demo and the tests. */
package dev.baton.migrate.sample;
