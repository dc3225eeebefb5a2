package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.describe.Disk;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The corruption campaign (docs/RELIABILITY.md): every single-bit flip and every truncation of
 * a real stream (a static and a dynamic disk section with their DESCRIPTION), loaded through the
 * engine. With checksums every change is detected; without them every change is harmless or a
 * format error, never any other exception.
 */
class CorruptionCampaignTest {

    private static byte[] stream(boolean checksums, ByteOrder order) throws IOException {
        SectionRegistry source = new SectionRegistry().register("disk", 0, Disk.V3, Disk.full(), Part.STATIC)
                .register("disk", 1, Disk.V3, Disk.full());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withChecksums(checksums)
                .withByteOrder(order).withProducer("campaign", "1"))) {
            StateSaver.of(source).save(w);
        }
        return out.toByteArray();
    }

    /** What loading a changed stream gives. */
    private enum Outcome { DETECTED, LOADED }

    private static Outcome load(byte[] s) {
        SectionRegistry target = new SectionRegistry().register("disk", 0, Disk.V3, Disk.empty(), Part.STATIC)
                .register("disk", 1, Disk.V3, Disk.empty());
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(s), ReaderOptions.defaults())) {
            StateLoader.of(target).load(r);
            r.expectEndOfInput();
            return Outcome.LOADED;
        } catch (StreamFormatException | StreamRefusedException e) {
            return Outcome.DETECTED;
        } catch (IOException e) {
            throw new AssertionError("an I/O error from memory", e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void withChecksumsEveryFlipAndEveryTruncationIsDetected(String byteOrder) throws IOException {
        byte[] original = stream(true, byteOrder.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        assertThat(load(original)).isEqualTo(Outcome.LOADED);
        int trials = 0;
        int detected = 0;
        for (int i = 0; i < original.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] s = original.clone();
                s[i] ^= (byte) (1 << bit);
                trials++;
                if (load(s) == Outcome.DETECTED) {
                    detected++;
                }
            }
        }
        for (int cut = 0; cut < original.length; cut++) {
            trials++;
            if (load(Arrays.copyOf(original, cut)) == Outcome.DETECTED) {
                detected++;
            }
        }
        System.out.printf("corruption campaign, %s-endian, checksums on: %d octets, %d changes, %d detected%n",
                byteOrder, original.length, trials, detected);
        assertThat(detected).isEqualTo(trials);
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void withoutChecksumsEveryFlipIsHarmlessOrAFormatError(String byteOrder) throws IOException {
        byte[] original = stream(false, byteOrder.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int loaded = 0;
        int detected = 0;
        for (int i = 0; i < original.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] s = original.clone();
                s[i] ^= (byte) (1 << bit);
                if (load(s) == Outcome.DETECTED) { // any other exception fails the test
                    detected++;
                } else {
                    loaded++;
                }
            }
        }
        System.out.printf("corruption campaign, %s-endian, checksums off: %d flips, %d reported, %d loaded "
                + "(values changed unnoticed)%n", byteOrder, loaded + detected, detected, loaded);
        assertThat(loaded + detected).isEqualTo(original.length * 8);
        assertThat(detected).isPositive();
    }
}
