package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.engine.StreamRefusedException;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.transport.FileTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input is normal input: a migration stream written without checksums, so that damaged
 * octets reach the parsers of MIGRATION_SESSION, MIGRATION_STAGE, PAGES and OBJECT records
 * instead of failing a checksum. Every load either succeeds or fails with a format error or a
 * refusal, in one line; never an index, null or other error.
 */
class HostileStreamTest {
    @TempDir
    Path dir;

    @Test
    void damagedStreamsFailWithFormatErrorsOnly() throws Exception {
        SampleApplication source = new SampleApplication(64 << 10, 20, 0).fill(3);
        Path file = dir.resolve("clean.baton");
        SourceSession.builder(source).checksums(false).build().migrate(FileTransport.create(file));
        byte[] clean = Files.readAllBytes(file);
        int session = indexOf(clean, new byte[] {0x7f, (byte) 0xff, 0x00, 0x01}); // the DESCRIPTION before it is not parsed
        assertThat(session).isPositive();
        Random random = new Random(99);
        int failures = 0;
        for (int i = 0; i < 400; i++) {
            byte[] damaged = clean.clone();
            // mostly the first records after the DESCRIPTION: session, stages, sections, the first pages' headers
            int at = random.nextInt(4) == 0 ? random.nextInt(damaged.length) : session + random.nextInt(512);
            damaged[at] ^= (byte) (1 << random.nextInt(8));
            if (random.nextBoolean()) {
                damaged[Math.min(damaged.length - 1, at + 1 + random.nextInt(8))] = (byte) random.nextInt();
            }
            Path bad = dir.resolve("bad.baton");
            Files.write(bad, damaged);
            try {
                TargetSession.builder(() -> new SampleApplication(64 << 10, 20, 0)).build()
                        .receive(FileTransport.open(bad));
            } catch (MigrationFailedException e) {
                failures++;
                assertThat(e.getCause()).as("flip at %d: %s", at, e.getMessage())
                        .isInstanceOfAny(StreamFormatException.class, StreamRefusedException.class);
                assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("java.lang");
            }
        }
        assertThat(failures).as("loads that failed").isGreaterThan(80);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
