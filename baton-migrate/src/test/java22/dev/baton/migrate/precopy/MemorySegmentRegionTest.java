package dev.baton.migrate.precopy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.WriterOptions;
import dev.baton.migrate.MigrationClock;
import dev.baton.migrate.RecordTypes;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Off-heap memory migrates page by page like any other paged region (JDK 22 and newer). */
class MemorySegmentRegionTest {

    @Test
    void pagesOfASegmentGoAndArrive() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment from = arena.allocate(3 * 4096 + 100);
            MemorySegmentRegion source = new MemorySegmentRegion("heap", from);
            for (long off = 0; off + 8 <= from.byteSize(); off += 512) {
                source.putLong(off, off * 31);
            }
            assertThat(source.dirty().count()).isEqualTo(4);
            MemorySegmentRegion target = new MemorySegmentRegion("heap", arena.allocate(from.byteSize()));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withChecksums(true))) {
                new RegionSender(List.of(source), w, DescriptionContext.empty(), o -> { }, MigrationClock.system())
                        .pass(0);
                w.writeStaticDataEnd();
                w.writeEnd();
            }
            assertThat(source.dirty().count()).isZero();
            RegionReceiver receiver = new RegionReceiver(List.of(target), DescriptionContext.empty());
            receiver.expect(RegionManifest.of(List.of(source)));
            try (RecordReader r = RecordReader.open(ByteBuffer.wrap(out.toByteArray()),
                    ReaderOptions.defaults().withApplicationTypes(RecordTypes.names()))) {
                for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                    if (rec.type() == RecordTypes.PAGES) {
                        receiver.load(rec);
                    }
                }
            }
            receiver.checkComplete();
            assertThat(target.segment().mismatch(from)).isEqualTo(-1);
            assertThat(target.getLong(1024)).isEqualTo(1024 * 31);
        }
    }
}
