package dev.baton.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionWindowTest {

    @ParameterizedTest(name = "reader [{0},{1}] meets stream [{2},{3}] at {4}")
    @CsvSource({
        "1, 1, 1, 1, 1",
        "1, 3, 1, 2, 2",   // an older stream is read at its own version
        "1, 3, 1, 5, 3",   // a newer stream that older readers may read: read at our highest
        "2, 4, 1, 2, 2",
        "1, 1, 1, 7, 1",
    })
    void readsAtTheHighestCommonVersion(int min, int max, int compat, int version, int chosen) throws IOException {
        assertThat(new VersionWindow(min, max).negotiate(new Preamble(version, compat))).isEqualTo(chosen);
    }

    @ParameterizedTest(name = "reader [{0},{1}] refuses stream [{2},{3}]")
    @CsvSource({
        "1, 1, 2, 2",   // stream too new for us
        "1, 3, 4, 6",
        "3, 4, 1, 2",   // stream too old for us
    })
    void refusesWhenTheRangesDoNotMeet(int min, int max, int compat, int version) {
        assertThatThrownBy(() -> new VersionWindow(min, max).negotiate(new Preamble(version, compat)))
                .isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("readers of versions [" + compat + ", " + version + "]")
                .hasMessageContaining("this reader reads [" + min + ", " + max + "]");
    }

    @Test
    void aFutureStreamThatDeclaresItselfReadableByVersion1IsRead() throws IOException {
        // A later Baton that writes version 4 but keeps the version 1 header sets compat_version 1.
        byte[] s = TestStreams.golden("stream-be.hex");
        ByteBuffer.wrap(s).putInt(8, 4);
        CRC32C crc = new CRC32C();
        crc.update(s, 0, 64);
        ByteBuffer.wrap(s).putInt(64, (int) crc.getValue());
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(s), ReaderOptions.defaults())) {
            assertThat(r.header().preamble()).isEqualTo(new Preamble(4, 1));
            assertThat(r.header().readVersion()).isEqualTo(1);
            int records = 0;
            while (r.next() != null) {
                records++;
            }
            assertThat(records).isEqualTo(5);
        }
    }

    @Test
    void theSupportedWindowComesFromTheVersionTable() {
        assertThat(VersionWindow.supported()).isEqualTo(new VersionWindow(1, 1));
        assertThatThrownBy(() -> ReaderOptions.defaults().withWindow(new VersionWindow(1, 2)))
                .hasMessageContaining("reaches beyond the versions this build reads");
    }
}
