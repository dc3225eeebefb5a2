package dev.baton.cli.docs.snippets;

import dev.baton.core.engine.SectionRegistry;
import dev.baton.migrate.MigratableApplication;
import java.nio.ByteBuffer;
import java.util.logging.Logger;

/**
 * What docs/MIGRATION.md's Java fragments use without declaring it (DocsJavaTest): the text says
 * what each is. {@code MyApp} is an application with a journal of its own; {@code host}, {@code
 * port} and {@code timeout} are a target's.
 */
abstract class MigrationContext {
    static class MyApp implements MigratableApplication {
        @Override
        public String name() {
            return "my-app";
        }

        @Override
        public SectionRegistry registry() {
            return new SectionRegistry();
        }

        void replay(ByteBuffer journal) {
        }
    }

    protected MyApp app = new MyApp();
    protected Logger log = Logger.getLogger("my-app");
    /** Where the target of a rehearsal listens, and how long to wait for it. */
    protected String host = "localhost";
    protected int port = 7400;
    protected java.time.Duration timeout = java.time.Duration.ofSeconds(10);

    String currentJournal() {
        return "";
    }
}
