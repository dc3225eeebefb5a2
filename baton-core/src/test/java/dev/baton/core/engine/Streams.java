package dev.baton.core.engine;

import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/** Saving a registry to octets and loading octets into one, in memory. */
final class Streams {
    private Streams() {
    }

    static byte[] save(StateSaver saver, ByteOrder order) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withByteOrder(order)
                .withCreated(Instant.ofEpochMilli(1767323045678L)).withProducer("disk-test", "3.0"))) {
            saver.save(w);
        }
        return out.toByteArray();
    }

    static StateLoader.Report load(StateLoader loader, byte[] stream) throws IOException {
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            return loader.load(r);
        }
    }

    static SectionRegistry registry(dev.baton.core.describe.StateDescription<Disk> d, Disk disk) {
        return new SectionRegistry().register("disk", 0, d, disk);
    }
}
