package dev.baton.cli;

import dev.baton.core.wire.RecordWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The demonstration stream of {@code baton sample}: one record of every type, so that a reader
 * of the tour sees the whole grammar. Its sections stand for a small key-value service.
 */
final class SampleStream {
    /** An application-defined optional record: readers that do not know it skip it. */
    static final int NOTE = 0xC000_0001;

    private static final String[][] NODES = {
        {"/local/domain/0/name", "Domain-0"},
        {"/local/domain/1/name", "guest-1"},
        {"/local/domain/1/memory/target", "524288"},
        {"/vm/4f6c/uuid", "4f6c8a6e-9d1e-4c2b-9a53-2b1d7a0e6f11"},
    };

    private SampleStream() {
    }

    static void write(RecordWriter w) throws IOException {
        String description = """
                {"note":"sample sections (field-level descriptions arrive with the description engine)",\
                "sections":[{"idstr":"sample.config","version":2},{"idstr":"sample.node","version":1},\
                {"idstr":"sample.counters","version":1}]}""";
        w.writeDescription(ByteBuffer.wrap(description.getBytes(StandardCharsets.UTF_8)));

        // Static data: what the target must accept before any state arrives.
        String machine = "sample-store";
        w.beginSection("sample.config", 0, 2).putInt(NODES.length).putU16(machine.length()).putUtf8(machine).end();
        w.writeStaticDataEnd();

        // Dynamic data: the state itself.
        for (int i = 0; i < NODES.length; i++) {
            byte[] path = NODES[i][0].getBytes(StandardCharsets.UTF_8);
            byte[] value = NODES[i][1].getBytes(StandardCharsets.UTF_8);
            w.beginSection("sample.node", i, 1).putLong(1000L + i).putU16(path.length).put(path)
                    .putInt(value.length).put(value).end();
        }
        w.beginSection("sample.counters", 0, 1).putLong(42).putLong(7).putDouble(0.25).end();
        w.begin(NOTE).putUtf8("written by baton sample; readers that do not know this record skip it").end();
        w.writeEnd();
    }
}
