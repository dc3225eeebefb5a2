package dev.baton.cli;

import dev.baton.cli.option.InputFile;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A stream argument: a file path, or {@code -} for standard input. */
record StreamInput(String argument) {

    boolean isStdin() {
        return argument.equals(InputFile.STDIN);
    }

    /** Display name for messages. */
    String name() {
        return InputFile.name(argument);
    }

    /** Size in octets when known (a regular file), else -1. */
    long size() throws IOException {
        if (isStdin()) {
            return -1;
        }
        Path p = Path.of(argument);
        return Files.isRegularFile(p) ? Files.size(p) : -1;
    }

    /**
     * Options for the tools: the record types Baton's own modules allocate in the application
     * range (baton-migrate's) are known, so that migration files list by name and verify clean.
     */
    static ReaderOptions toolOptions() {
        return ReaderOptions.defaults().withApplicationTypes(dev.baton.migrate.RecordTypes.names());
    }

    RecordReader open(ReaderOptions options) throws IOException {
        return isStdin() ? RecordReader.open(InputFile.of(argument).open(), options)
                : RecordReader.open(Path.of(argument), options);
    }
}
