package dev.baton.cli.docs.snippets;

import dev.baton.core.engine.StaticDataCheck;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import java.nio.file.Path;

/** What README.md's Java fragments use without declaring it (DocsJavaTest): the text says what each is. */
abstract class ReadmeContext {
    protected Path path;
    protected RecordWriter writer;
    protected RecordReader reader;
    protected StaticDataCheck check;
    protected int count;
    protected String owner;
}
