package dev.baton.qemu.savevm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.core.wire.StreamFormatException;
import dev.baton.qemu.Fixtures;
import dev.baton.qemu.HexVector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input is normal input: every truncation of a stream and random corruption of real
 * ones end in a {@link StreamFormatException}, never in another exception, a hang or a success.
 */
class TruncationTest {
    @TempDir
    Path dir;

    @Test
    void everyPrefixOfAValidStreamIsRefused() throws IOException {
        byte[] whole = HexVector.load("every-section-type").octets();
        Path file = dir.resolve("t.mig");
        for (int n = 0; n < whole.length; n++) {
            byte[] prefix = Arrays.copyOf(whole, n);
            Throwable pipe = catchThrowable(() -> SavevmReader.read(new ByteArrayInputStream(prefix),
                    SavevmOptions.defaults()));
            assertThat(pipe).as("prefix of " + n).isInstanceOf(StreamFormatException.class);
            Files.write(file, prefix);
            Throwable fromFile = catchThrowable(() -> SavevmReader.read(file, SavevmOptions.defaults()));
            assertThat(fromFile).as("file prefix of " + n).isInstanceOf(StreamFormatException.class);
            assertThat(((StreamFormatException) fromFile).offset()).as("prefix of " + n).isBetween(0L, (long) n);
        }
    }

    @Test
    void corruptedRealStreamsFailCleanly() {
        byte[] pc = Fixtures.bytes("pc");
        Random random = new Random(8);
        for (int i = 0; i < 150; i++) {
            byte[] bad = pc.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                // mostly in the device state and vmdesc, where the structure is densest
                int at = random.nextBoolean() ? random.nextInt(bad.length) : bad.length - 1 - random.nextInt(120_000);
                bad[at] = (byte) random.nextInt(256);
            }
            Throwable t = catchThrowable(() -> SavevmReader.read(ByteBuffer.wrap(bad), SavevmOptions.defaults()));
            if (t != null) {
                assertThat(t).as("corruption " + i).isInstanceOf(StreamFormatException.class);
            }
            Throwable v = catchThrowable(() -> SavevmVerifier.verify(
                    SavevmSource.of(new ByteArrayInputStream(bad), "x"), at -> {
                    }));
            assertThat(v).as("verify of corruption " + i).isNull();
        }
    }
}
