package dev.baton.xen.libxc;

import static dev.baton.xen.StreamBuilder.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.GoldenHex;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import dev.baton.xen.StreamBuilder;
import dev.baton.xen.Verify;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every check of the libxc verifier, each with a stream that fails it and the message that says so. */
class LibxcMalformedTest {
    static final int PV = 1;
    static final int HVM = 2;
    static final int END = 0, PAGE_DATA = 1, PV_INFO = 2, P2M = 3, VCPU_BASIC = 4, SHARED_INFO = 7, TSC = 8,
            HVM_CONTEXT = 9, HVM_PARAMS = 10, TOOLSTACK = 11, VERIFY = 13, CHECKPOINT = 14, DIRTY = 15, SDE = 16,
            CPUID = 17, MSR = 18;

    /** A v3 HVM stream up to and with STATIC_DATA_END. */
    static StreamBuilder hvm3() {
        return StreamBuilder.libxc(3, HVM).record(SDE, new byte[0]);
    }

    /** A v3 PV stream up to X86_PV_P2M_FRAMES for pfns 0-3 of a 64-bit guest. */
    static StreamBuilder pv3() {
        StreamBuilder s = StreamBuilder.libxc(3, PV);
        return s.record(PV_INFO, pvInfo(s, 8, 4)).record(SDE, new byte[0]).record(P2M, s.u32s(0, 3, 0x55, 0));
    }

    static byte[] pvInfo(StreamBuilder s, int width, int levels) {
        return s.buf(8).put((byte) width).put((byte) levels).array();
    }

    /** PAGE_DATA with these raw pfn words and {@code pages} pages of data. */
    static byte[] pages(StreamBuilder s, int pages, long... pfns) {
        return concat(s.u32s(pfns.length, 0), s.u64s(pfns), new byte[4096 * pages]);
    }

    static Arguments bad(String name, byte[] stream, String message) {
        return Arguments.of(name, stream, message);
    }

    static Stream<Arguments> cases() {
        byte[] golden = GoldenHex.resource("/xen/libxc-hvm-v3.hex");
        StreamBuilder s = new StreamBuilder(); // little-endian field helpers
        byte[] marker = golden.clone();
        marker[0] = 0;
        byte[] id = golden.clone();
        id[11] = 0x47;
        byte[] version = golden.clone();
        version[15] = 4;
        byte[] options = golden.clone();
        options[17] = 2;
        byte[] reserved = golden.clone();
        reserved[19] = 1;
        byte[] domain = golden.clone();
        domain[24] = 3;
        byte[] shift = golden.clone();
        shift[28] = 13;
        byte[] domainReserved = golden.clone();
        domainReserved[30] = 1;
        byte[] padding = StreamBuilder.libxc(3, HVM).record(SDE, new byte[0]).record(HVM_CONTEXT, 4, new byte[4],
                new byte[] {0, 1, 0, 0}).end().bytes();
        return Stream.of(
                // image and domain headers
                bad("marker", marker, "offset 0, stream header, libxc image header: not a libxc stream: marker "
                        + "0x00ffffffffffffff is not all ones (a legacy image has a zero bit in its first 8 octets)"),
                bad("too short for a marker", new byte[] {-1, -1, -1}, "not a libxc stream: it ends after 3 octets"),
                bad("truncated image header", Arrays.copyOf(golden, 20),
                        "truncated image header: the stream ends after 20 of 24 octets"),
                bad("id", id, "offset 8, stream header, libxc image header: not a libxc stream: id 0x58454e47 is not "
                        + "0x58454e46 (\"XENF\")"),
                bad("version", version, "unknown image version 4 (versions 2 and 3 are defined)"),
                bad("options", options, "offset 16, stream header, libxc image header: reserved bits set in options: "
                        + "0x0002 (bits 1-15 are reserved)"),
                bad("reserved", reserved, "reserved fields are 0x0001 0x00000000, not zero"),
                bad("truncated domain header", Arrays.copyOf(golden, 30),
                        "libxc domain header: truncated domain header: the stream ends after 6 of 16 octets"),
                bad("domain type", domain, "libxc domain header: unknown domain type 0x3 (1 x86 PV, 2 x86 HVM)"),
                bad("page shift", shift, "offset 28, stream header, libxc domain header: page_shift 13, not 12"),
                bad("domain reserved", domainReserved, "libxc domain header: reserved field is 0x0001, not zero"),
                // framing
                bad("missing END", hvm3().bytes(), "offset 48, record #1, libxc: missing END: the libxc stream ends "
                        + "after 1 record"),
                bad("truncated record header", hvm3().raw(new byte[] {9, 0, 0}).bytes(),
                        "truncated record header: the stream ends after 3 of 8 octets"),
                bad("length past the input", hvm3().record(HVM_CONTEXT, 64, new byte[8], new byte[0]).bytes(),
                        "offset 52, record #1, libxc HVM_CONTEXT: length 64 runs past the end of the input: only 8 "
                                + "octets follow the record header"),
                bad("non-zero padding", padding, "offset 60, record #1, libxc HVM_CONTEXT: non-zero padding after the "
                        + "body: 00 01 00 00"),
                bad("unknown mandatory record", hvm3().record(0x13, new byte[8]).end().bytes(),
                        "record #1, libxc 0x00000013: unknown mandatory record type 0x00000013: a restorer must refuse"),
                bad("octets after END", concat(golden, new byte[3]), "octets after END: 3 octets follow the stream's "
                        + "last record"),
                // record bodies
                bad("END with a body", hvm3().record(END, new byte[8]).bytes(), "END has no body, but its length is 8"),
                bad("VERIFY with a body", hvm3().record(VERIFY, new byte[8]).end().bytes(),
                        "VERIFY has no body, but its length is 8"),
                bad("CHECKPOINT with a body", hvm3().record(CHECKPOINT, new byte[1]).end().bytes(),
                        "CHECKPOINT has no body, but its length is 1"),
                bad("STATIC_DATA_END with a body", StreamBuilder.libxc(3, HVM).record(SDE, new byte[8]).end().bytes(),
                        "STATIC_DATA_END has no body, but its length is 8"),
                bad("PAGE_DATA header", hvm3().record(PAGE_DATA, new byte[4]).end().bytes(),
                        "PAGE_DATA of 4 octets is shorter than its count and reserved fields (8)"),
                bad("PAGE_DATA reserved", hvm3().record(PAGE_DATA, concat(s.u32s(1, 1), s.u64s(0), new byte[4096]))
                        .end().bytes(), "offset 60, record #1, libxc PAGE_DATA: reserved field after count is "
                        + "0x00000001, not zero"),
                bad("PAGE_DATA count 0", hvm3().record(PAGE_DATA, s.u32s(0, 0)).end().bytes(),
                        "count is 0: a PAGE_DATA record describes at least one pfn"),
                bad("PAGE_DATA short of pfns", hvm3().record(PAGE_DATA, concat(s.u32s(2, 0), s.u64s(0))).end().bytes(),
                        "length 16 is too short for 2 pfns (8 + 8 * 2 = 24 octets at least)"),
                bad("pfn reserved bits", hvm3().record(PAGE_DATA, pages(s, 1, 0x0010_0000_0000_0007L)).end().bytes(),
                        "pfn[0] 0x0010000000000007 has reserved bits 52-59 set"),
                bad("pfn reserved type", hvm3().record(PAGE_DATA, pages(s, 1, 0x5000_0000_0000_0001L)).end().bytes(),
                        "pfn[0] 0x5000000000000001 has reserved type 0x5 (types 5-8 are reserved)"),
                bad("many pfn faults", hvm3().record(PAGE_DATA, pages(s, 0, 0x6L << 60, 0x6L << 60, 0x6L << 60,
                        0x7L << 60, 0x7L << 60)).end().bytes(), "2 more pfns with reserved bits or types"),
                bad("page count", hvm3().record(PAGE_DATA, pages(s, 0, 1)).end().bytes(),
                        "length 16, but 1 pfn with 1 page of data need 8 + 8 + 4096 = 4112 octets"),
                bad("XTAB carries no page", hvm3().record(PAGE_DATA, pages(s, 1, 0xFL << 60)).end().bytes(),
                        "length 4112, but 1 pfn with 0 pages of data need 8 + 8 + 0 = 16 octets"),
                bad("X86_PV_INFO length", StreamBuilder.libxc(3, PV).record(PV_INFO, new byte[4]).bytes(),
                        "X86_PV_INFO is 8 octets, not 4"),
                bad("guest width", StreamBuilder.libxc(3, PV).record(PV_INFO, pvInfo(s, 2, 4)).bytes(),
                        "guest width 2 is neither 4 nor 8"),
                bad("page-table levels", StreamBuilder.libxc(3, PV).record(PV_INFO, pvInfo(s, 8, 5)).bytes(),
                        "page-table levels 5 is neither 3 nor 4"),
                bad("X86_PV_INFO reserved", StreamBuilder.libxc(3, PV).record(PV_INFO, s.buf(8).put((byte) 8)
                        .put((byte) 4).putShort((short) 1).array()).bytes(), "reserved fields are 0x0001 0x00000000"),
                bad("width and levels", StreamBuilder.libxc(3, PV).record(PV_INFO, pvInfo(s, 8, 3)).bytes(),
                        "guest width 8 with 3 page-table levels (restorer: a 32-bit guest has 3 levels, a 64-bit "
                                + "guest 4)"),
                bad("second X86_PV_INFO", pv3().record(PV_INFO, pvInfo(s, 8, 4)).bytes(), "a second X86_PV_INFO"),
                bad("p2m short", StreamBuilder.libxc(3, PV).record(PV_INFO, pvInfo(s, 8, 4)).record(SDE, new byte[0])
                        .record(P2M, new byte[4]).bytes(), "X86_PV_P2M_FRAMES of 4 octets is shorter than its start "
                        + "and end pfns (8)"),
                bad("p2m not a multiple of 8", StreamBuilder.libxc(3, PV).record(PV_INFO, pvInfo(s, 8, 4))
                        .record(SDE, new byte[0]).record(P2M, concat(s.u32s(0, 3, 1), new byte[2])).bytes(),
                        "length 14 is not a multiple of 8"),
                bad("p2m start above end", StreamBuilder.libxc(3, PV).record(PV_INFO, pvInfo(s, 8, 4))
                        .record(SDE, new byte[0]).record(P2M, s.u32s(5, 1, 0, 0)).bytes(),
                        "p2m_start_pfn 0x5 is above p2m_end_pfn 0x1 (restorer)"),
                bad("p2m frames", StreamBuilder.libxc(3, PV).record(PV_INFO, pvInfo(s, 8, 4)).record(SDE, new byte[0])
                        .record(P2M, s.u32s(0, 600, 1, 0)).bytes(), "length 16, but pfns 0x0-0x258 of a 64-bit guest "
                        + "lie in 2 p2m frames: 8 + 8 * 2 = 24 octets (restorer)"),
                bad("vcpu short", pv3().record(PAGE_DATA, pages(s, 1, 0)).record(VCPU_BASIC, new byte[4]).end().bytes(),
                        "X86_PV_VCPU_BASIC of 4 octets is shorter than its vcpu_id and reserved fields (8)"),
                bad("vcpu reserved", pv3().record(PAGE_DATA, pages(s, 1, 0)).record(VCPU_BASIC, s.u32s(0, 9)).end()
                        .bytes(), "reserved field after vcpu_id is 0x00000009, not zero"),
                bad("SHARED_INFO size", pv3().record(SHARED_INFO, new byte[8]).end().bytes(),
                        "SHARED_INFO is one page, 4096 octets, not 8"),
                bad("X86_TSC_INFO size", hvm3().record(TSC, new byte[16]).end().bytes(),
                        "X86_TSC_INFO is 24 octets, not 16"),
                bad("X86_TSC_INFO reserved", hvm3().record(TSC, s.u32s(0, 1, 0, 0, 1, 7)).end().bytes(),
                        "reserved field after incarnation is 0x00000007, not zero"),
                bad("HVM_CONTEXT empty", hvm3().record(HVM_CONTEXT, new byte[0]).end().bytes(), "HVM_CONTEXT is empty"),
                bad("HVM_PARAMS short", hvm3().record(HVM_PARAMS, new byte[4]).end().bytes(),
                        "HVM_PARAMS of 4 octets is shorter than its count and reserved fields (8)"),
                bad("HVM_PARAMS reserved", hvm3().record(HVM_PARAMS, s.u32s(0, 2)).end().bytes(),
                        "reserved field after count is 0x00000002, not zero"),
                bad("HVM_PARAMS count", hvm3().record(HVM_PARAMS, concat(s.u32s(2, 0), new byte[16])).end().bytes(),
                        "length 24, but 2 params of 16 octets need 8 + 16 * 2 = 40 octets"),
                bad("TOOLSTACK", hvm3().record(TOOLSTACK, new byte[8]).end().bytes(),
                        "TOOLSTACK is deprecated: no restorer reads it"),
                bad("CHECKPOINT_DIRTY_PFN_LIST", hvm3().record(DIRTY, new byte[12]).end().bytes(),
                        "CHECKPOINT_DIRTY_PFN_LIST belongs on a COLO back channel, not in a saved stream"),
                bad("dirty pfn list length", hvm3().record(DIRTY, new byte[12]).end().bytes(),
                        "length 12 is not a multiple of 8 (a list of u64 pfns)"),
                bad("X86_CPUID_POLICY length", StreamBuilder.libxc(3, HVM).record(CPUID, new byte[30]).bytes(),
                        "length 30 is not a positive multiple of 24 (xen_cpuid_leaf_t)"),
                bad("X86_MSR_POLICY length", StreamBuilder.libxc(3, HVM).record(MSR, new byte[0]).bytes(),
                        "length 0 is not a positive multiple of 16 (xen_msr_entry_t)"),
                // versions, guest types and order
                bad("STATIC_DATA_END in v2", StreamBuilder.libxc(2, HVM).record(SDE, new byte[0]).end().bytes(),
                        "record #0, libxc STATIC_DATA_END: STATIC_DATA_END is invalid in a v2 stream (it appeared in v3)"),
                bad("X86_CPUID_POLICY in v2", StreamBuilder.libxc(2, HVM).record(CPUID, new byte[24]).end().bytes(),
                        "X86_CPUID_POLICY is invalid in a v2 stream"),
                bad("X86_MSR_POLICY in v2", StreamBuilder.libxc(2, HVM).record(MSR, new byte[16]).end().bytes(),
                        "X86_MSR_POLICY is invalid in a v2 stream"),
                bad("PV record in an HVM stream", StreamBuilder.libxc(3, HVM).record(PV_INFO, pvInfo(s, 8, 4)).bytes(),
                        "X86_PV_INFO is not read by the x86 HVM restorer"),
                bad("HVM record in a PV stream", pv3().record(HVM_CONTEXT, new byte[8]).end().bytes(),
                        "HVM_CONTEXT is not read by the x86 PV restorer"),
                bad("second STATIC_DATA_END", hvm3().record(SDE, new byte[0]).end().bytes(),
                        "record #1, libxc STATIC_DATA_END: a second STATIC_DATA_END (there is exactly one)"),
                bad("memory before STATIC_DATA_END", StreamBuilder.libxc(3, HVM).record(PAGE_DATA, pages(s, 1, 0))
                        .record(SDE, new byte[0]).end().bytes(), "record #0, libxc PAGE_DATA: PAGE_DATA before "
                        + "STATIC_DATA_END: v3 sends all static data before memory and registers"),
                bad("static data after STATIC_DATA_END", hvm3().record(CPUID, new byte[24]).end().bytes(),
                        "X86_CPUID_POLICY after STATIC_DATA_END: it is static data"),
                bad("v3 without STATIC_DATA_END", StreamBuilder.libxc(3, HVM).record(CPUID, new byte[24]).end().bytes(),
                        "record #1, libxc END: END without STATIC_DATA_END: a v3 stream has exactly one"),
                bad("p2m before X86_PV_INFO", StreamBuilder.libxc(2, PV).record(P2M, s.u32s(0, 3, 0, 0)).bytes(),
                        "X86_PV_P2M_FRAMES before X86_PV_INFO: the p2m needs the guest's width"),
                bad("PV memory before the p2m", StreamBuilder.libxc(2, PV).record(PV_INFO, pvInfo(s, 8, 4))
                        .record(PAGE_DATA, pages(s, 1, 0)).end().bytes(),
                        "PAGE_DATA before X86_PV_P2M_FRAMES: a PV guest's pages need its p2m first"),
                bad("vcpu before memory", pv3().record(VCPU_BASIC, s.u32s(0, 0, 1, 2)).end().bytes(),
                        "X86_PV_VCPU_BASIC before any PAGE_DATA: vCPU state comes after memory"),
                bad("HVM_PARAMS after HVM_CONTEXT", hvm3().record(HVM_CONTEXT, new byte[8])
                        .record(HVM_PARAMS, s.u32s(0, 0)).end().bytes(),
                        "HVM_PARAMS after HVM_CONTEXT: params can change what the context means"),
                bad("PV without X86_PV_INFO", StreamBuilder.libxc(2, PV).end().bytes(),
                        "END without X86_PV_INFO: an x86 PV stream needs it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCheckFailsWithItsMessage(String name, byte[] stream, String message) {
        assertThat(Verify.libxc(stream).messages()).anySatisfy(m -> assertThat(m).contains(message));
    }

    @Test
    void problemsAreCollectedWhileTheFramingHolds() {
        StreamBuilder s = new StreamBuilder();
        byte[] stream = StreamBuilder.libxc(3, HVM).record(PAGE_DATA, pages(s, 0, 1)).record(PV_INFO, pvInfo(s, 8, 4))
                .record(TSC, new byte[16]).record(SDE, new byte[0]).record(HVM_CONTEXT, 4, new byte[4], new byte[] {1, 0, 0, 0})
                .bytes();
        Verify v = Verify.libxc(stream);
        assertThat(v.problems).extracting(StreamFormatException::problem).containsExactly(
                "PAGE_DATA before STATIC_DATA_END: v3 sends all static data before memory and registers",
                "length 16, but 1 pfn with 1 page of data need 8 + 8 + 4096 = 4112 octets",
                "X86_PV_INFO is not read by the x86 HVM restorer",
                "X86_TSC_INFO is 24 octets, not 16",
                "non-zero padding after the body: 01 00 00 00");
        assertThat(v.fatal.problem()).isEqualTo("missing END: the libxc stream ends after 5 records");
    }

    @Test
    void unknownOptionalRecordsAreSkippedAsTheSpecAllows() {
        Verify v = Verify.libxc(hvm3().record(0x8000_0042, new byte[5]).end().bytes());
        assertThat(v.messages()).isEmpty();
        assertThat(v.records.get(1).detail()).isEqualTo("unknown optional record: skipped");
    }

    @Test
    void aTruncatedBodyOnAPipeLosesTheFraming() {
        byte[] stream = Arrays.copyOf(GoldenHex.resource("/xen/libxc-pv-v3.hex"), 2000);
        List<StreamFormatException> problems = new ArrayList<>();
        try {
            LibxcVerifier.verify(WireInput.of(new ByteArrayInputStream(stream)), Problems.collect(problems::add),
                    new LibxcListener() {
                    });
            throw new AssertionError("no error");
        } catch (StreamFormatException e) {
            assertThat(e.getMessage()).isEqualTo("offset 2000, record #5, libxc PAGE_DATA: truncated record body: the "
                    + "stream ends 6400 octets short of the record's 8224");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(problems).isEmpty();
    }
}
