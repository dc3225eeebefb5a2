package dev.baton.qemu.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.wire.StreamFormatException;
import dev.baton.qemu.Fixtures;
import dev.baton.qemu.HexVector;
import dev.baton.qemu.savevm.SavevmOptions;
import dev.baton.qemu.savevm.SavevmSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction gives the RAM a destination would hold, which is more than analyze-migration.py gives. */
class ExtractTest {
    @TempDir
    Path dir;

    private Path extract(String vector) throws IOException {
        Path x = dir.resolve(vector);
        Analyzer.extract(SavevmSource.of(new ByteArrayInputStream(HexVector.load(vector).octets()), vector),
                SavevmOptions.defaults(), x, p -> {
                });
        return x;
    }

    private static byte[] page(int value) {
        byte[] b = new byte[4096];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void laterPagesWinAndZeroPagesAreHoles() throws IOException {
        byte[] blk = Files.readAllBytes(extract("every-section-type").resolve("blk"));
        assertThat(blk).hasSize(8192);
        assertThat(Arrays.copyOfRange(blk, 0, 4096)).isEqualTo(page(0xcd)); // the PART's page replaced the START's
        assertThat(Arrays.copyOfRange(blk, 4096, 8192)).isEqualTo(page(0));
    }

    @Test
    void fillOctetsAndAZeroPageOverData() throws IOException {
        // analyze-migration.py writes nothing for either: it would leave 0x00 and 0xab here
        byte[] blk = Files.readAllBytes(extract("fill-and-zero").resolve("blk"));
        assertThat(Arrays.copyOfRange(blk, 0, 4096)).isEqualTo(page(0x5a));
        assertThat(Arrays.copyOfRange(blk, 4096, 8192)).isEqualTo(page(0));
    }

    @Test
    void compressedAndXbzrlePages() throws IOException {
        assertThat(Files.readAllBytes(extract("compressed-page").resolve("blk"))).isEqualTo(page(0xab));
        byte[] expected = page(0xab);
        expected[16] = 1;
        expected[17] = 2;
        assertThat(Files.readAllBytes(extract("xbzrle-page").resolve("blk"))).isEqualTo(expected);
    }

    @Test
    void compressedRealStreamExtractsTheSameRamAsThePlainOne() throws IOException {
        Path plain = dir.resolve("plain");
        Path compressed = dir.resolve("compressed");
        Analyzer.extract(SavevmSource.of(Fixtures.stream("pc"), "pc"), SavevmOptions.defaults(), plain, p -> {
        });
        Analyzer.extract(SavevmSource.of(Fixtures.stream("pc-compress"), "pc-compress"), SavevmOptions.defaults(),
                compressed, p -> {
                });
        for (String block : new String[] {"pc.bios", "pc.rom", "rom@etc/acpi/tables", "pc.ram"}) {
            assertThat(ReferenceOutputTest.sha256(compressed.resolve(block))).as(block)
                    .isEqualTo(ReferenceOutputTest.sha256(plain.resolve(block)));
        }
    }

    @Test
    void blockIdsCannotLeaveTheDirectory() {
        assertThat(catchThrowableOfType(IOException.class, () -> RamExtractor.fileFor(dir, "../../etc/passwd")))
                .hasMessageContaining("'..' path segment");
        assertThat(catchThrowableOfType(IOException.class, () -> RamExtractor.fileFor(dir, "/")))
                .hasMessageContaining("names no file");
    }

    @Test
    void ramDumpListsPagesInFirstSeenOrderWithTheirLastContent() throws IOException {
        StringWriter out = new StringWriter();
        Analyzer.dumpState(SavevmSource.of(new ByteArrayInputStream(HexVector.load("fill-and-zero").octets()), "v"),
                SavevmOptions.defaults(), true, out);
        String json = out.toString();
        assertThat(json).contains("\"memory\": {\n"
                + "            \"blk (0x0000000000000000)\": \"Filled with 0x5a\",\n"
                + "            \"blk (0x0000000000001000)\": \"Filled with 0x00\"\n"
                + "        }");
    }

    @Test
    void ramDumpOfADataPageIsItsHex() throws IOException {
        StringWriter out = new StringWriter();
        Analyzer.dumpState(SavevmSource.of(new ByteArrayInputStream(HexVector.load("xbzrle-page").octets()), "v"),
                SavevmOptions.defaults(), true, out);
        assertThat(out.toString()).contains("\"blk (0x0000000000000000)\": \"ab ab ab ab ab ab ab ab ab ab ab ab ab "
                + "ab ab ab 01 02 ab");
    }

    @Test
    void descOfAStreamWithoutVmdescIsAnError() {
        StreamFormatException e = catchThrowableOfType(StreamFormatException.class, () -> Analyzer.dumpDesc(
                SavevmSource.of(new ByteArrayInputStream(HexVector.load("vmdesc-not-json").octets()), "v"),
                SavevmOptions.defaults(), new StringWriter()));
        assertThat(e).isNotNull();
    }
}
