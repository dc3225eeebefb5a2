package dev.baton.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * A record built in place whose body takes a large put is checksummed piece by piece while it is
 * copied: its trailer must be the CRC-32C of the record computed the plain way, whatever comes
 * before and after the put, and when a field is patched or a run filled after it.
 */
class ChecksumWhileCopyingTest {
    private static final int APP = 0x4000_0007;

    @Test
    void theTrailerIsTheWholeRecordsChecksum() throws IOException {
        int[] sizes = {RecordWriter.HOT_CHUNK, RecordWriter.HOT_CHUNK + 1, 3 * RecordWriter.HOT_CHUNK - 5, 128 * 1024,
            300_001};
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (int size : sizes) {
                for (int shape = 0; shape < 5; shape++) {
                    byte[] data = new byte[size];
                    new Random(size * 31L + shape).nextBytes(data);
                    byte[] stream = write(order, shape, data);
                    checkEveryTrailer(stream, order, "size " + size + ", shape " + shape + ", " + order);
                    readBack(stream, shape, data);
                }
            }
        }
    }

    /**
     * One record of each shape: 0 the put alone; 1 header fields, the put, a tail; 2 two puts; 3
     * a field patched inside what was checksummed; 4 a run of fields before the put.
     */
    private static byte[] write(ByteOrder order, int shape, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WriterOptions options = WriterOptions.defaults().withByteOrder(order).withChecksums(true)
                .withBufferSize(64 * 1024);
        try (RecordWriter w = RecordWriter.open(out, options)) {
            w.writeStaticDataEnd();
            w.begin(APP).putInt(1).end(); // a small record first, so that the big one starts mid-buffer
            BodyWriter b = w.begin(APP);
            switch (shape) {
                case 0 -> b.put(ByteBuffer.wrap(data));
                case 1 -> b.putInt(7).putInt(data.length).putLong(-3).put(ByteBuffer.wrap(data)).putU8(9);
                case 2 -> b.put(ByteBuffer.wrap(data)).put(ByteBuffer.wrap(data, 1, data.length - 1));
                case 3 -> b.putInt(0).put(ByteBuffer.wrap(data)).patchInt(0, data.length);
                default -> {
                    b.reserve(8);
                    b.putLongAt(0, 0x0102030405060708L);
                    b.endRun();
                    b.put(ByteBuffer.wrap(data));
                }
            }
            b.end();
            w.writeEnd();
        }
        return out.toByteArray();
    }

    /** Walks the records after the header, recomputing each trailer from the octets alone. */
    private static void checkEveryTrailer(byte[] stream, ByteOrder order, String what) throws IOException {
        long headerLength;
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            r.header();
            headerLength = r.offset();
        }
        ByteBuffer b = ByteBuffer.wrap(stream).order(order);
        int checked = 0;
        for (int p = (int) headerLength; p < stream.length; ) {
            int length = b.getInt(p + 4);
            int padded = RecordFrame.HEADER + RecordFrame.pad8(length);
            CRC32C crc = new CRC32C();
            crc.update(stream, p, padded);
            assertThat(b.getInt(p + padded)).as(what + ", record at " + p).isEqualTo((int) crc.getValue());
            p += padded + RecordFrame.TRAILER;
            checked++;
        }
        assertThat(checked).as(what).isEqualTo(4);
    }

    private static void readBack(byte[] stream, int shape, byte[] data) throws IOException {
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream),
                ReaderOptions.defaults().withApplicationTypes(Map.of(APP, "APP")))) {
            assertThat(r.next().type()).isEqualTo(RecordType.STATIC_DATA_END);
            r.next();
            ByteBuffer body = r.next().body();
            if (shape == 1) {
                assertThat(body.getInt()).isEqualTo(7);
                assertThat(body.getInt()).isEqualTo(data.length);
                assertThat(body.getLong()).isEqualTo(-3);
            } else if (shape == 3) {
                assertThat(body.getInt()).isEqualTo(data.length);
            } else if (shape == 4) {
                assertThat(body.getLong()).isEqualTo(0x0102030405060708L);
            }
            byte[] got = new byte[data.length];
            body.get(got);
            assertThat(got).isEqualTo(data);
            assertThat(r.next().type()).isEqualTo(RecordType.END);
        }
    }
}
