package dev.baton.xen.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.GoldenHex;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import dev.baton.xen.StreamBuilder;
import dev.baton.xen.Verify;
import dev.baton.xen.XenFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** v2 in, v3 out, octet for octet as make_vectors.py writes the expected result. */
class V2ToV3ConverterTest {

    static byte[] convert(byte[] v2) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        V2ToV3Converter.convert(WireInput.of(ByteBuffer.wrap(v2)), Channels.newChannel(out));
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"libxc-pv-v2.hex, libxc-pv-v2-to-v3.hex", "libxc-hvm-v2.hex, libxc-hvm-v2-to-v3.hex",
        "libxl-hvm-v2.hex, libxl-hvm-v2-to-v3.hex"})
    void convertsToTheExpectedOctets(String in, String expected) throws IOException {
        byte[] v3 = convert(GoldenHex.resource("/xen/" + in));
        assertThat(v3).isEqualTo(GoldenHex.resource("/xen/" + expected));
        Verify check = in.startsWith("libxl") ? Verify.libxl(v3) : Verify.libxc(v3);
        assertThat(check.messages()).isEmpty();
    }

    @Test
    void saysWhereItInserted() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Conversion pv = V2ToV3Converter.convert(WireInput.of(ByteBuffer.wrap(GoldenHex.resource("/xen/libxc-pv-v2.hex"))),
                Channels.newChannel(out));
        assertThat(pv.format()).isEqualTo(XenFormat.LIBXC);
        assertThat(pv.insertedAt()).isEqualTo(1);
        assertThat(pv.insertedBefore()).isEqualTo("X86_PV_P2M_FRAMES");
        assertThat(pv.outputOctets()).isEqualTo(pv.inputOctets() + 8);
        Conversion hvm = V2ToV3Converter.convert(WireInput.of(ByteBuffer.wrap(GoldenHex.resource("/xen/libxl-hvm-v2.hex"))),
                Channels.newChannel(new ByteArrayOutputStream()));
        assertThat(hvm.format()).isEqualTo(XenFormat.LIBXL);
        assertThat(hvm.insertedAt()).isZero();
        assertThat(hvm.insertedBefore()).isEqualTo("PAGE_DATA");
    }

    @Test
    void aStreamWithoutMemoryGetsItBeforeEnd() throws IOException {
        StreamBuilder s = StreamBuilder.libxc(2, 2);
        byte[] v2 = s.record(8, new byte[24]).end().bytes();
        byte[] v3 = convert(v2);
        assertThat(v3).hasSize(v2.length + 8);
        assertThat(Verify.libxc(v3).names()).containsExactly("libxc:X86_TSC_INFO", "libxc:STATIC_DATA_END", "libxc:END");
    }

    @Test
    void refusesWhatIsNotValidV2() {
        assertThatThrownBy(() -> convert(GoldenHex.resource("/xen/libxc-pv-v3.hex"))).isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("the libxc stream is already version 3: there is nothing to convert");
        assertThatThrownBy(() -> convert(GoldenHex.resource("/xen/xenstore-v2-le.hex")))
                .hasMessageContaining("not a libxc or libxl stream");
        byte[] bad = StreamBuilder.libxc(2, 2).record(17, new byte[24]).end().bytes();
        assertThatThrownBy(() -> convert(bad)).hasMessageContaining("X86_CPUID_POLICY is invalid in a v2 stream");
    }
}
