package dev.baton.core.describe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.engine.Part;
import dev.baton.core.engine.RegisteredSection;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.lang.management.ManagementFactory;
import java.nio.channels.WritableByteChannel;
import org.junit.jupiter.api.Test;

/** Saving through a description allocates nothing per field, nor per section. */
class SaveAllocationTest {

    @Test
    void savingADiskAllocatesNothing() throws Exception {
        Disk disk = Disk.full();
        disk.log.clear();
        // The test's hooks log into a list; replace them with a description whose hooks allocate nothing.
        var quiet = StateDescription.<Disk>builder("disk").version(3)
                .u32("id", d -> d.id, (d, v) -> d.id = v)
                .string("name", d -> d.name, (d, v) -> d.name = v)
                .intArray("lbaFormats", FieldKind.U16, 4, d -> d.lbaFormats, (d, v) -> d.lbaFormats = v)
                .u16("extentCount", d -> d.extentCount, (d, v) -> d.extentCount = v)
                .structVarray("extents", Disk.EXTENT, "extentCount", d -> d.extents, (d, v) -> d.extents = v)
                .u8("keyLength", d -> d.keyLength, (d, v) -> d.keyLength = v)
                .vbytes("key", "keyLength", d -> d.key, (d, v) -> d.key = v)
                .nullable("owner", Disk.OWNER, d -> d.owner, (d, v) -> d.owner = v)
                .enumeration("mode", Disk.Mode.class, m -> m.id, Disk.Mode::byId, d -> d.mode, (d, v) -> d.mode = v)
                .string("label", d -> d.label, (d, v) -> d.label = v).when("labelled", (d, ctx) -> d.hasLabel)
                .subsection(Disk.CACHE, (d, ctx) -> d.cacheSize > 0)
                .build();
        assertThat(allocatedSaving(new RegisteredSection<>("disk", 0, quiet, disk, Part.DYNAMIC)))
                .as("bytes allocated saving 100000 sections of ~150 octets").isLessThan(100_000);
    }

    @Test
    void savingNullableStringsAndStringListsAllocatesNothing() throws Exception {
        var card = new RegisteredSection<>("card", 0, StringKindsTest.CARD, StringKindsTest.full(), Part.DYNAMIC);
        assertThat(allocatedSaving(card)).as("bytes allocated saving 100000 sections of 51 octets")
                .isLessThan(100_000);
    }

    /** Bytes the current thread allocates saving {@code s} 100000 times, after warming up. */
    private static long allocatedSaving(RegisteredSection<?> s) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        WritableByteChannel discard = new dev.baton.core.DiscardChannel();
        RecordWriter w = RecordWriter.open(discard, WriterOptions.defaults());
        StateSaver.Save save = StateSaver.of(new SectionRegistry()).start(w);
        for (int i = 0; i < 20_000; i++) {
            save.section(s); // warm up
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            save.section(s);
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
