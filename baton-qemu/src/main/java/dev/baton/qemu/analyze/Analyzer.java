package dev.baton.qemu.analyze;

import dev.baton.core.wire.StreamFormatException;
import dev.baton.qemu.savevm.SavevmOptions;
import dev.baton.qemu.savevm.SavevmSource;
import dev.baton.qemu.savevm.SavevmStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What {@code baton qemu analyze} does, as a library: the three outputs of QEMU's
 * scripts/analyze-migration.py, made from one strict pass over the stream.
 *
 * <ul>
 *   <li>{@link #dumpState}: {@code -d state} (with {@code -m}: the RAM pages too)</li>
 *   <li>{@link #dumpDesc}: {@code -d desc}, the vmdesc re-encoded</li>
 *   <li>{@link #extract}: {@code -x}, desc.json, state.json and one file per RAM block</li>
 * </ul>
 * The JSON is the script's, octet for octet; see {@link PythonJsonWriter} and {@link StateJson}.
 */
public final class Analyzer {
    private Analyzer() {
    }

    /** Reads the stream and writes its state as JSON, then a newline (the script's {@code print}). */
    public static SavevmStream dumpState(SavevmSource source, SavevmOptions options, boolean memory, Writer out)
            throws IOException {
        if (!memory) {
            SavevmStream s = source.read(options);
            PythonJsonWriter w = new PythonJsonWriter(out);
            StateJson.write(s, w, null);
            out.write('\n');
            out.flush();
            return s;
        }
        try (RamMemory pages = new RamMemory()) {
            SavevmStream s = source.read(options.withRam(pages));
            StateJson.write(s, new PythonJsonWriter(out), pages);
            out.write('\n');
            out.flush();
            return s;
        }
    }

    /** Reads the stream and writes its vmdesc as JSON, then a newline. */
    public static SavevmStream dumpDesc(SavevmSource source, SavevmOptions options, Writer out) throws IOException {
        SavevmStream s = source.read(options);
        requireVmdesc(s);
        new PythonJsonWriter(out).tree(s.vmdesc().tree());
        out.write('\n');
        out.flush();
        return s;
    }

    /**
     * Extracts the stream into {@code dir}: a file per RAM block as the pages stream by, then
     * desc.json and state.json (no newline at their end, as the script writes them). The
     * directory is made when it does not exist, but not its parents: a mistyped path is an error
     * that names the missing parent, not a tree of new directories.
     *
     * @param created told each file's path once it is written
     * @throws NoSuchFileException naming the parent when it does not exist
     */
    public static SavevmStream extract(SavevmSource source, SavevmOptions options, Path dir, Consumer<Path> created)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new NoSuchFileException(parent.toString(), null, "no such directory (for " + dir + ")");
            }
            if (Files.exists(dir)) {
                throw new FileSystemException(dir.toString(), null, "is not a directory");
            }
            Files.createDirectory(dir);
        }
        SavevmStream s;
        try (RamExtractor ram = new RamExtractor(dir, created)) {
            s = source.read(options.withRam(ram));
        }
        requireVmdesc(s);
        Path desc = dir.resolve("desc.json");
        try (Writer w = writer(desc)) {
            new PythonJsonWriter(w).tree(s.vmdesc().tree());
        }
        created.accept(desc);
        Path state = dir.resolve("state.json");
        try (Writer w = writer(state)) {
            StateJson.write(s, new PythonJsonWriter(w), null);
        }
        created.accept(state);
        return s;
    }

    private static Writer writer(Path p) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8), 1 << 16);
    }

    private static void requireVmdesc(SavevmStream s) throws StreamFormatException {
        if (s.vmdesc() == null) {
            throw new StreamFormatException("the stream has no VMDESCRIPTION (QEMU omits it for machine types 2.2 "
                    + "and older and with suppress-vmdesc=on), so there is no description to show", s.eofOffset(),
                    s.records() - 1, StreamFormatException.NO_TYPE, null);
        }
    }
}
