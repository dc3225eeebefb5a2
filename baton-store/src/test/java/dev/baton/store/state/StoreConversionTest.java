package dev.baton.store.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.compat.ConversionException;
import dev.baton.core.compat.StreamConverter;
import dev.baton.core.engine.SchemaDocument;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.store.server.Release;
import dev.baton.store.server.Store;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference store's state, converted offline between its releases: the golden stream 2.0
 * wrote, converted for 1.0 under the 1.0 profile, loads with 1.0's frozen descriptions; the one
 * 1.0 wrote, converted for 2.0, loads in this build; both hold the sample's whole state.
 */
class StoreConversionTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/store");
    private static final StreamConverter.Release ONE = release("1.0", new StoreRelease1());
    private static final StreamConverter.Release TWO = release("2.0", new StoreRelease2());

    private static StreamConverter.Release release(String name, dev.baton.core.engine.DescriptionProvider p) {
        try {
            return StreamConverter.Release.of(name, SchemaDocument.of(List.of(p)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static StreamConverter.Result convert(StreamConverter.Release from, StreamConverter.Release to, byte[] in,
            String profile, ByteArrayOutputStream out) throws Exception {
        StreamConverter c = StreamConverter.between(from, to);
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(in), ReaderOptions.defaults())) {
            return c.convert(r, c.profile(profile), Channels.newChannel(out));
        }
    }

    @Test
    void release20sStreamConvertedForRelease10LoadsWithItsDescriptions() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamConverter.Result r = convert(TWO, ONE, Files.readAllBytes(GOLDEN.resolve("2.0/store.baton")), "1.0", out);
        assertThat(r.profile()).isEqualTo("1.0");
        assertThat(r.sections()).isEqualTo(5);
        assertThat(r.leftOut()).containsExactly(
                "store.nodes/0 (store.nodes/generations): the profile turns its gate 'store.generation' off",
                "store.watches/0 watches[]/(store.watch/depth): the profile turns its gate 'store.watch-depth' off");
        Store loaded = new Store(Release.R1_0, Duration.ofMinutes(5));
        try (RecordReader reader = RecordReader.open(ByteBuffer.wrap(out.toByteArray()), ReaderOptions.defaults())) {
            assertThat(reader.header().profile()).isEqualTo("1.0");
            StateLoader.of(StoreState.forLoading(loaded, StoreRelease1.DESCRIPTIONS)).load(reader);
        }
        StoreGoldenStreamsTest.verify(loaded, false);
    }

    @Test
    void release10sStreamConvertedForRelease20LoadsInThisBuild() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamConverter.Result r = convert(ONE, TWO, Files.readAllBytes(GOLDEN.resolve("1.0/store.baton")), null, out);
        assertThat(r.profile()).isEqualTo("2.0");
        assertThat(r.leftOut()).isEmpty();
        Store loaded = new Store();
        try (RecordReader reader = RecordReader.open(ByteBuffer.wrap(out.toByteArray()), ReaderOptions.defaults())) {
            StateLoader.of(StoreState.forLoading(loaded)).withProfiles(StoreRelease2.RELEASES).load(reader);
        }
        StoreGoldenStreamsTest.verify(loaded, false); // 1.0 carried no generations: the store's, as a live update gives
    }

    @Test
    void withoutTheProfileRelease20sGenerationsHaveNoPlaceIn10AndNothingIsWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> convert(TWO, ONE, Files.readAllBytes(GOLDEN.resolve("2.0/store.baton")), null, out))
                .isInstanceOf(ConversionException.class)
                .hasMessage("section store.nodes/0, subsection store.nodes/generations: release 1.0's 'store.nodes' has "
                        + "no such subsection: what it holds would be lost");
        assertThat(out.size()).isZero();
    }
}
