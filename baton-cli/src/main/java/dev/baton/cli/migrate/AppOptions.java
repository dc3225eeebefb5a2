package dev.baton.cli.migrate;

import dev.baton.migrate.MigratableApplication;
import picocli.CommandLine.Option;

/** Which application send and receive migrate: found through ServiceLoader, on an optional class path. */
final class AppOptions {
    @Option(names = "--app", paramLabel = "NAME",
            description = "The application: its class (simple or full name) or its name(). Needed when several are found.")
    String app;

    @Option(names = "--classpath", paramLabel = "PATH", description = "Jars or folders where the application is.")
    String classpath;

    MigratableApplication load() throws java.io.IOException {
        return Applications.load(app, classpath);
    }
}
