package dev.baton.xen.libxc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.GoldenHex;
import dev.baton.xen.Verify;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** make_vectors.py's libxc and libxl streams are valid, record for record. */
class LibxcGoldenTest {
    static final List<String> PV_V3 = List.of("X86_PV_INFO", "X86_CPUID_POLICY", "X86_MSR_POLICY", "STATIC_DATA_END",
            "X86_PV_P2M_FRAMES", "PAGE_DATA", "X86_TSC_INFO", "SHARED_INFO", "X86_PV_VCPU_BASIC", "X86_PV_VCPU_EXTENDED",
            "X86_PV_VCPU_XSAVE", "X86_PV_VCPU_MSRS", "END");
    static final List<String> HVM_V3 = List.of("X86_CPUID_POLICY", "X86_MSR_POLICY", "STATIC_DATA_END", "PAGE_DATA",
            "PAGE_DATA", "X86_TSC_INFO", "HVM_PARAMS", "HVM_CONTEXT", "END");

    @ParameterizedTest
    @ValueSource(strings = {"libxc-pv-v2.hex", "libxc-pv-v3.hex", "libxc-pv-v3-be.hex", "libxc-hvm-v2.hex",
        "libxc-hvm-v3.hex", "libxc-pv-v2-to-v3.hex", "libxc-hvm-v2-to-v3.hex"})
    void goldenLibxcStreamsAreValid(String name) {
        Verify v = Verify.libxc(GoldenHex.resource("/xen/" + name));
        assertThat(v.messages()).isEmpty();
        assertThat(v.names().get(v.names().size() - 1)).isEqualTo("libxc:END");
    }

    @Test
    void recordsAreListedWithWhatTheySay() {
        Verify v = Verify.libxc(GoldenHex.resource("/xen/libxc-pv-v3.hex"));
        assertThat(v.records).extracting(r -> r.name()).containsExactlyElementsOf(PV_V3);
        assertThat(v.records.get(0).offset()).isEqualTo(40);
        assertThat(v.records).extracting(r -> r.detail()).contains("64-bit guest, 4 page-table levels", "2 leaves",
                "1 MSR", "pfns 0x0-0x3, 1 frame", "3 pfns, 2 pages of data",
                "mode 0, 2000000 kHz, 123456789 ns, incarnation 1", "vcpu 0, 16 octets of context");
        Verify hvm = Verify.libxc(GoldenHex.resource("/xen/libxc-hvm-v3.hex"));
        assertThat(hvm.records).extracting(r -> r.name()).containsExactlyElementsOf(HVM_V3);
        assertThat(hvm.records).extracting(r -> r.detail()).contains("2 pfns, 1 page of data", "2 params",
                "20 octets of context");
    }

    @Test
    void bothByteOrdersReadTheSame() {
        Verify le = Verify.libxc(GoldenHex.resource("/xen/libxc-pv-v3.hex"));
        Verify be = Verify.libxc(GoldenHex.resource("/xen/libxc-pv-v3-be.hex"));
        assertThat(be.messages()).isEmpty();
        assertThat(be.records).extracting(r -> r.name() + " " + r.length() + " " + r.detail())
                .containsExactlyElementsOf(le.records.stream().map(r -> r.name() + " " + r.length() + " " + r.detail())
                        .toList());
    }

    @Test
    void libxlStreamsWrappingLibxcAreValid() {
        Verify v = Verify.libxl(GoldenHex.resource("/xen/libxl-hvm-v3.hex"));
        assertThat(v.messages()).isEmpty();
        assertThat(v.names()).startsWith("libxl:LIBXC_CONTEXT", "libxc:X86_CPUID_POLICY")
                .endsWith("libxc:END", "libxl:EMULATOR_XENSTORE_DATA", "libxl:EMULATOR_CONTEXT", "libxl:END");
        assertThat(v.records).extracting(r -> r.detail()).contains("qemu upstream #0, 2 key/value pairs",
                "qemu upstream #0, 12 octets of context");
        for (String name : List.of("libxl-hvm-v2.hex", "libxl-hvm-v2-to-v3.hex")) {
            assertThat(Verify.libxl(GoldenHex.resource("/xen/" + name)).messages()).as(name).isEmpty();
        }
    }
}
