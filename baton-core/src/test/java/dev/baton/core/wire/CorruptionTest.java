package dev.baton.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every single-bit flip and every truncation of the golden streams: the reader either reads a
 * stream or throws {@link StreamFormatException}, never anything else; with checksums on, every
 * change is detected.
 */
class CorruptionTest {

    /** Reads everything a tool would; returns null when the stream was accepted, else the error. */
    private static StreamFormatException read(byte[] stream, boolean fromChannel) {
        try (RecordReader r = fromChannel
                ? RecordReader.open(new ByteArrayInputStream(stream), ReaderOptions.defaults())
                : RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                rec.body();
                if (rec.type() == RecordType.SECTION) {
                    rec.sectionData();
                }
            }
            r.expectEndOfInput();
            return null;
        } catch (StreamFormatException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError("an I/O error from memory", e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-be-crc.hex", "stream-le-crc.hex"})
    void everyBitFlipIsDetectedWithChecksums(String golden) {
        byte[] original = TestStreams.golden(golden);
        int flips = 0;
        for (int i = 0; i < original.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] s = original.clone();
                s[i] ^= (byte) (1 << bit);
                assertThat(read(s, i % 2 == 0)).as("flip of bit %d at offset %d", bit, i).isNotNull();
                flips++;
            }
        }
        assertThat(flips).isEqualTo(original.length * 8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-be.hex", "stream-le.hex"})
    void withoutChecksumsAFlipIsHarmlessOrAFormatError(String golden) {
        byte[] original = TestStreams.golden(golden);
        for (int i = 0; i < original.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] s = original.clone();
                s[i] ^= (byte) (1 << bit);
                read(s, bit % 2 == 0); // anything but StreamFormatException fails the test
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-be.hex", "stream-le-crc.hex"})
    void everyTruncationIsDetected(String golden) {
        byte[] original = TestStreams.golden(golden);
        for (int cut = 0; cut < original.length; cut++) {
            byte[] s = Arrays.copyOf(original, cut);
            assertThat(read(s, false)).as("cut at %d", cut).isNotNull();
            assertThat(read(s, true)).as("cut at %d, channel", cut).isNotNull();
        }
    }
}
