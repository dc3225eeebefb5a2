package dev.baton.core.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Shared fixtures: the golden vectors and the stream they describe. */
final class TestStreams {
    static final Instant CREATED = Instant.ofEpochMilli(1767323045678L);
    static final int GREETING = 0xC000_0001;
    static final Map<Integer, String> APP_TYPES = Map.of(GREETING, "GREETING");

    private TestStreams() {
    }

    /** Octets of an annotated hex resource of /golden. */
    static byte[] golden(String name) {
        return dev.baton.core.GoldenHex.load(name);
    }

    static WriterOptions options(ByteOrder order, boolean checksums) {
        return WriterOptions.defaults().withByteOrder(order).withChecksums(checksums)
                .withProducer("baton-test", "1.0.0").withProfile("r1").withCreated(CREATED);
    }

    /** Writes the stream the golden vectors hold, with this API. */
    static byte[] sample(WriterOptions options) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(bytes, options)) {
            w.writeDescription(ByteBuffer.wrap("{\"sections\":[]}".getBytes(StandardCharsets.UTF_8)));
            w.writeSection("ram", 0, 3, ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}));
            w.writeStaticDataEnd();
            w.beginSection("cpu", 1, 1).putInt(0x11223344).putU16(0x5566).putU8(0x77).end();
            w.begin(GREETING).putUtf8("hi").end();
            w.writeEnd();
        }
        return bytes.toByteArray();
    }

    static String goldenName(ByteOrder order, boolean checksums) {
        return "stream-" + (order == ByteOrder.BIG_ENDIAN ? "be" : "le") + (checksums ? "-crc" : "") + ".hex";
    }
}
