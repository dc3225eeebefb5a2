package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.describe.Disk;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A session protocol reads its own records through the loader, in stream order, between the sections. */
class RecordHandlerTest {
    private static final int PAGE = 0x4000_0007;

    private static byte[] streamWithApplicationRecords() throws IOException {
        SectionRegistry registry = Streams.registry(Disk.V3, Disk.full());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults())) {
            StateSaver.Save save = StateSaver.of(registry).start(w);
            w.writeRecord(PAGE, ByteBuffer.wrap(new byte[] {1}));
            w.writeStaticDataEnd();
            w.writeRecord(PAGE, ByteBuffer.wrap(new byte[] {2}));
            save.section(registry.find("disk", 0));
            w.writeRecord(PAGE, ByteBuffer.wrap(new byte[] {3}));
            w.writeEnd();
        }
        return out.toByteArray();
    }

    @Test
    void applicationRecordsReachTheHandlerInOrderAndSectionsStillLoad() throws IOException {
        List<String> seen = new ArrayList<>();
        Disk target = Disk.empty();
        StateLoader loader = StateLoader.of(Streams.registry(Disk.V3, target))
                .onStaticData(data -> seen.add("static data ends"))
                .onRecord(r -> seen.add((r.dynamic() ? "dynamic " : "static ") + r.body().get(0)));
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(streamWithApplicationRecords()),
                ReaderOptions.defaults().withApplicationTypes(Map.of(PAGE, "PAGE")))) {
            StateLoader.Report report = loader.load(r);
            assertThat(report.sections()).containsExactly("disk/0");
        }
        assertThat(seen).containsExactly("static 1", "static data ends", "dynamic 2", "dynamic 3");
        assertThat(target.name).isEqualTo("vda");
    }

    @Test
    void aHandlerThatThrowsStopsTheLoad() throws IOException {
        StateLoader loader = StateLoader.of(Streams.registry(Disk.V3, Disk.empty())).onRecord(r -> {
            throw new StreamRefusedException("no pages wanted");
        });
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(streamWithApplicationRecords()),
                ReaderOptions.defaults().withApplicationTypes(Map.of(PAGE, "PAGE")))) {
            assertThatThrownBy(() -> loader.load(r)).isInstanceOf(StreamRefusedException.class)
                    .hasMessage("no pages wanted");
        }
    }
}
