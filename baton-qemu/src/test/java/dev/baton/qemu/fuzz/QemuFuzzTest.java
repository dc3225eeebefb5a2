package dev.baton.qemu.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.qemu.savevm.SavevmOptions;
import dev.baton.qemu.savevm.SavevmReader;
import dev.baton.qemu.vmdesc.VmdescParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * QEMU's savevm streams (from memory, where the vmdesc is found at the end, and from a stream,
 * where device state waits for it) and vmdesc JSON, on any octets: only
 * {@link StreamFormatException} may escape. Seeds: small real streams made by QEMU 7.2.
 */
class QemuFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void savevmFromMemory(byte[] input) throws IOException {
        try {
            SavevmReader.read(ByteBuffer.wrap(input), SavevmOptions.defaults());
        } catch (StreamFormatException expected) {
            // reported with offset and section
        }
    }

    @FuzzTest(maxDuration = "30s")
    void savevmFromAPipe(byte[] input) throws IOException {
        try {
            SavevmReader.read(new ByteArrayInputStream(input), SavevmOptions.defaults());
        } catch (StreamFormatException expected) {
            // reported with offset and section
        }
    }

    /** {@code baton check}'s other JSON input: QEMU's -dump-vmstate files, read and checked against themselves. */
    @FuzzTest(maxDuration = "30s")
    void vmstateDump(byte[] input) {
        try {
            dev.baton.core.compat.Schema s = dev.baton.qemu.vmstate.VmstateDump.parse(
                    new String(input, java.nio.charset.StandardCharsets.UTF_8)).schema();
            new dev.baton.core.compat.CompatibilityChecker(s, s, null)
                    .check(java.util.EnumSet.allOf(dev.baton.core.compat.Finding.Direction.class));
        } catch (dev.baton.core.json.JsonParser.JsonException | IllegalArgumentException expected) {
            // reported
        }
    }

    @FuzzTest(maxDuration = "30s")
    void vmdesc(byte[] input) {
        try {
            VmdescParser.parse(input, 0, 0, Problems.collect(p -> { }));
        } catch (StreamFormatException expected) {
            // reported
        }
    }
}
