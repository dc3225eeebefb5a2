package dev.baton.qemu.savevm;

import dev.baton.core.wire.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a stream comes from: a file (whose vmdesc can be found first, at its end) or a pipe
 * (standard input, as {@code migrate "exec:..."} gives it), where the vmdesc arrives last.
 */
public sealed interface SavevmSource {

    /** Reads the whole stream. */
    SavevmStream read(SavevmOptions options) throws IOException;

    /** Octets in the stream when known (a regular file), else -1. */
    long length() throws IOException;

    /** How messages name it. */
    String name();

    static SavevmSource file(Path path) {
        return new FileSource(path);
    }

    static SavevmSource stdin() {
        return new StdinSource();
    }

    static SavevmSource of(InputStream stream, String name) {
        return new StreamSource(stream, name);
    }

    /** {@code -} for standard input, else a file. */
    static SavevmSource argument(String arg) {
        return arg.equals("-") ? stdin() : file(Path.of(arg));
    }

    record FileSource(Path path) implements SavevmSource {
        @Override
        public SavevmStream read(SavevmOptions options) throws IOException {
            if (!Files.isRegularFile(path)) {
                // a named pipe or a device: read it as a pipe
                try (InputStream in = Files.newInputStream(InputFiles.notADirectory(path))) {
                    return SavevmReader.read(in, options);
                }
            }
            return SavevmReader.read(path, options);
        }

        @Override
        public long length() throws IOException {
            return Files.isRegularFile(path) ? Files.size(path) : -1;
        }

        @Override
        public String name() {
            return path.toString();
        }
    }

    record StdinSource() implements SavevmSource {
        @Override
        public SavevmStream read(SavevmOptions options) throws IOException {
            return SavevmReader.readStdin(options);
        }

        @Override
        public long length() {
            return -1;
        }

        @Override
        public String name() {
            return "<stdin>";
        }
    }

    record StreamSource(InputStream stream, String name) implements SavevmSource {
        @Override
        public SavevmStream read(SavevmOptions options) throws IOException {
            return SavevmReader.read(stream, options);
        }

        @Override
        public long length() {
            return -1;
        }
    }
}
