package dev.baton.migrate.session;

import java.io.IOException;

/** A stage's work on the source: write its records through {@link SourceContext#writer()}. */
@FunctionalInterface
public interface SourceStep {
    void run(SourceContext ctx) throws IOException;
}
