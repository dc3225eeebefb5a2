package dev.baton.qemu.analyze;

import java.io.IOException;

/** The RAM section's {@code "memory"} entries of {@code analyze-migration.py -m}. */
public final class RamMemory {
    void write(PythonJsonWriter w) throws IOException {
        w.beginObject().endObject();
    }
}
