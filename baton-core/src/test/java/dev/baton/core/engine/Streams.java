package dev.baton.core.engine;

import dev.baton.core.describe.Disk;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Saving a registry to octets, loading octets into one, and decoding them with no producer code, in memory. */
public final class Streams {
    private Streams() {
    }

    public static byte[] save(StateSaver saver, ByteOrder order) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withByteOrder(order)
                .withCreated(Instant.ofEpochMilli(1767323045678L)).withProducer("disk-test", "3.0"))) {
            saver.save(w);
        }
        return out.toByteArray();
    }

    public static StateLoader.Report load(StateLoader loader, byte[] stream) throws IOException {
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            return loader.load(r);
        }
    }

    public static SectionRegistry registry(StateDescription<Disk> d, Disk disk) {
        return new SectionRegistry().register("disk", 0, d, disk);
    }

    /** Every SECTION of a stream decoded through its DESCRIPTION, as a tool with no producer code does. */
    public static List<SelfDescription.Decoded> decodeAll(byte[] stream) throws IOException {
        List<SelfDescription.Decoded> out = new ArrayList<>();
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            SelfDescription sd = null;
            for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                if (rec.type() == RecordType.DESCRIPTION) {
                    sd = SelfDescription.read(rec);
                } else if (rec.type() == RecordType.SECTION) {
                    out.add(sd.decode(rec));
                }
            }
        }
        return out;
    }
}
