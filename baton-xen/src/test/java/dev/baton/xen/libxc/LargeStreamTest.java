package dev.baton.xen.libxc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A 3 GiB HVM stream, made as it is read: verified front to back, pages skipped, offsets past 2^31 and 2^32. */
class LargeStreamTest {
    static final int PAGES_PER_RECORD = 1024;
    static final int RECORDS = 800; // 800 * 4 MiB and a little: over 3 GiB

    @Test
    void aMultiGibibyteStreamIsVerifiedInConstantMemory() throws IOException {
        List<StreamFormatException> problems = new ArrayList<>();
        long[] records = {0};
        long[] lastOffset = {0};
        LibxcVerifier v = LibxcVerifier.verify(WireInput.of(new SyntheticStream()), Problems.collect(problems::add),
                new LibxcListener() {
                    @Override
                    public void record(dev.baton.xen.stream.XenRecord r) {
                        records[0]++;
                        lastOffset[0] = r.offset();
                    }
                });
        assertThat(problems).isEmpty();
        assertThat(records[0]).isEqualTo(RECORDS + 2);
        assertThat(v.ended()).isTrue();
        // END sits past 3 GiB: 48 octets of headers and STATIC_DATA_END, then the PAGE_DATA records
        assertThat(lastOffset[0]).isEqualTo(48 + RECORDS * (16L + 8 * PAGES_PER_RECORD + 4096L * PAGES_PER_RECORD))
                .isGreaterThan(3L << 30);
    }

    /** Headers, STATIC_DATA_END, RECORDS PAGE_DATA of 1024 pages each, END; made on demand. */
    static final class SyntheticStream implements ReadableByteChannel {
        private final ByteBuffer head;
        private long record = -1;
        private ByteBuffer current;
        private long zeros;
        private boolean done;

        SyntheticStream() {
            head = ByteBuffer.allocate(24 + 16 + 8);
            head.putLong(-1L).putInt(0x58454E46).putInt(3).putShort((short) 0).putShort((short) 0).putInt(0);
            head.order(ByteOrder.LITTLE_ENDIAN).putInt(2).putShort((short) 12).putShort((short) 0).putInt(4).putInt(19);
            head.putInt(16).putInt(0).flip();
            current = head;
        }

        @Override
        public int read(ByteBuffer dst) {
            int n = 0;
            while (dst.hasRemaining()) {
                if (current.hasRemaining()) {
                    int k = Math.min(dst.remaining(), current.remaining());
                    dst.put(current.slice(current.position(), k));
                    current.position(current.position() + k);
                    n += k;
                } else if (zeros > 0) {
                    int k = (int) Math.min(dst.remaining(), zeros);
                    dst.position(dst.position() + k); // a fresh buffer region: write zeros explicitly
                    for (int i = dst.position() - k; i < dst.position(); i++) {
                        dst.put(i, (byte) 0);
                    }
                    zeros -= k;
                    n += k;
                } else if (!next()) {
                    return n == 0 ? -1 : n;
                }
            }
            return n;
        }

        private boolean next() {
            if (done) {
                return false;
            }
            record++;
            if (record < RECORDS) {
                ByteBuffer b = ByteBuffer.allocate(8 + 8 + 8 * PAGES_PER_RECORD).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(1).putInt(8 + 8 * PAGES_PER_RECORD + 4096 * PAGES_PER_RECORD);
                b.putInt(PAGES_PER_RECORD).putInt(0);
                for (int i = 0; i < PAGES_PER_RECORD; i++) {
                    b.putLong(record * PAGES_PER_RECORD + i);
                }
                current = b.flip();
                zeros = 4096L * PAGES_PER_RECORD;
            } else {
                current = ByteBuffer.allocate(8); // END
                done = true;
            }
            return true;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
