package dev.baton.xen.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.baton.core.DiscardChannel;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import dev.baton.xen.convert.V2ToV3Converter;
import dev.baton.xen.libxc.LibxcListener;
import dev.baton.xen.libxc.LibxcVerifier;
import dev.baton.xen.libxl.LibxlListener;
import dev.baton.xen.libxl.LibxlVerifier;
import dev.baton.xen.xenstore.XenstoreReadOptions;
import dev.baton.xen.xenstore.XenstoreReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Xen's three formats on any octets: the xenstore reader (strict and collecting), the libxc and
 * libxl verifiers (strict and collecting), and the v2 to v3 converter. Only
 * {@link StreamFormatException} may escape. Seeds: the spec-built vectors of baton-xen's tests.
 */
class XenFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void xenstore(byte[] input) throws IOException {
        for (XenstoreReadOptions options : new XenstoreReadOptions[] {XenstoreReadOptions.defaults(),
            XenstoreReadOptions.defaults().withProblems(Problems.collect(p -> { }))}) {
            try (XenstoreReader r = XenstoreReader.open(WireInput.of(ByteBuffer.wrap(input)), options)) {
                r.readAll();
            } catch (StreamFormatException expected) {
                // reported
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void libxc(byte[] input) throws IOException {
        for (Problems problems : new Problems[] {Problems.stop(), Problems.collect(p -> { })}) {
            try {
                LibxcVerifier.verify(WireInput.of(new ByteArrayInputStream(input)), problems, new LibxcListener() { });
            } catch (StreamFormatException expected) {
                // reported
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void libxl(byte[] input) throws IOException {
        for (Problems problems : new Problems[] {Problems.stop(), Problems.collect(p -> { })}) {
            try {
                LibxlVerifier.verify(WireInput.of(ByteBuffer.wrap(input)), problems, new LibxlListener() { });
            } catch (StreamFormatException expected) {
                // reported
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void convert(byte[] input) throws IOException {
        try {
            V2ToV3Converter.convert(WireInput.of(ByteBuffer.wrap(input)), new DiscardChannel());
        } catch (StreamFormatException expected) {
            // reported
        }
    }
}
