package dev.baton.xen.libxc;

import dev.baton.core.wire.Plural;
import dev.baton.xen.stream.RecordBody;
import java.io.IOException;

/**
 * One small checker per libxc record type, each mirroring its section of the spec: the length
 * rules and reserved fields Xen's verify-stream-v2 checks, and a few that Xen's restorer
 * enforces and the python checker does not (marked "restorer"). A checker reads the body front
 * to back and returns what it says in words; whatever it leaves is skipped by the caller.
 */
final class LibxcCheckers {
    static final int PAGE_SIZE = 4096;
    /** pfn bits 52-59. */
    static final long PFN_RESERVED = 0x0FF0_0000_0000_0000L;
    /** Only so many faults of one record are told one by one; the rest are counted. */
    static final int MAX_PFN_FAULTS = 3;

    @FunctionalInterface
    interface Checker {
        String check(RecordBody body, LibxcState state, String name) throws IOException;
    }

    private LibxcCheckers() {
    }

    /** END, VERIFY, CHECKPOINT, STATIC_DATA_END: no body. */
    static String empty(RecordBody b, LibxcState s, String name) throws IOException {
        if (b.length() != 0) {
            b.lengthProblem(name + " has no body, but its length is " + b.length());
        }
        return "";
    }

    static String pageData(RecordBody b, LibxcState s, String name) throws IOException {
        if (b.length() < 8) {
            b.lengthProblem("PAGE_DATA of " + Plural.count(b.length(), "octet")
                    + " is shorter than its count and reserved fields (8)");
            return "";
        }
        long count = b.u32();
        long reserved = b.u32();
        if (reserved != 0) {
            b.problem(4, String.format("reserved field after count is 0x%08x, not zero", reserved));
        }
        if (count == 0) {
            b.problem(0, "count is 0: a PAGE_DATA record describes at least one pfn");
            return "0 pfns";
        }
        if (b.left() < count * 8) {
            b.lengthProblem("length " + b.length() + " is too short for " + Plural.count(count, "pfn") + " (8 + 8 * "
                    + count + " = "
                    + (8 + 8 * count) + " octets at least)");
            return count + " pfns";
        }
        long pages = 0;
        int faults = 0;
        for (long i = 0; i < count; i++) {
            long pos = b.position();
            long pfn = b.u64();
            int type = (int) (pfn >>> 60);
            String fault = null;
            if ((pfn & PFN_RESERVED) != 0) {
                fault = String.format("pfn[%d] 0x%016x has reserved bits 52-59 set", i, pfn);
            } else if (type >= 5 && type <= 8) {
                fault = String.format("pfn[%d] 0x%016x has reserved type 0x%x (types 5-8 are reserved)", i, pfn, type);
            }
            if (fault != null && ++faults <= MAX_PFN_FAULTS) {
                b.problem(pos, fault);
            }
            if (type <= 4 || (type >= 9 && type <= 0xC)) {
                pages++; // BROKEN (0xD), XALLOC (0xE) and XTAB (0xF) carry no page
            }
        }
        if (faults > MAX_PFN_FAULTS) {
            b.problem(8, (faults - MAX_PFN_FAULTS) + " more pfns with reserved bits or types");
        }
        long expected = 8 + 8 * count + PAGE_SIZE * pages;
        if (b.length() != expected) {
            b.lengthProblem("length " + b.length() + ", but " + Plural.count(count, "pfn") + " with "
                    + Plural.count(pages, "page") + " of data need 8 + "
                    + (8 * count) + " + " + (PAGE_SIZE * pages) + " = " + Plural.count(expected, "octet"));
        }
        return Plural.count(count, "pfn") + ", " + Plural.count(pages, "page") + " of data";
    }

    static String pvInfo(RecordBody b, LibxcState s, String name) throws IOException {
        if (s.pvInfo) {
            b.problem(0, "a second X86_PV_INFO (restorer: there is one)");
        }
        s.pvInfo = true;
        if (b.length() != 8) {
            b.lengthProblem("X86_PV_INFO is 8 octets, not " + b.length());
            return "";
        }
        int width = b.u8();
        int levels = b.u8();
        int res1 = b.u16();
        long res2 = b.u32();
        if (width != 4 && width != 8) {
            b.problem(0, "guest width " + width + " is neither 4 nor 8");
        }
        if (levels != 3 && levels != 4) {
            b.problem(1, "page-table levels " + levels + " is neither 3 nor 4");
        }
        if (res1 != 0 || res2 != 0) {
            b.problem(2, String.format("reserved fields are 0x%04x 0x%08x, not zero", res1, res2));
        }
        if ((width == 4 && levels == 4) || (width == 8 && levels == 3)) {
            b.problem(0, "guest width " + width + " with " + levels + " page-table levels (restorer: a 32-bit guest "
                    + "has 3 levels, a 64-bit guest 4)");
        }
        if (width == 4 || width == 8) {
            s.pvGuestWidth = width;
        }
        return (width * 8) + "-bit guest, " + levels + " page-table levels";
    }

    static String p2mFrames(RecordBody b, LibxcState s, String name) throws IOException {
        if (b.length() < 8) {
            b.lengthProblem("X86_PV_P2M_FRAMES of " + Plural.count(b.length(), "octet")
                    + " is shorter than its start and end pfns (8)");
            return "";
        }
        if (b.length() % 8 != 0) {
            b.lengthProblem("length " + b.length() + " is not a multiple of 8");
        }
        long start = b.u32();
        long end = b.u32();
        if (start > end) {
            b.problem(0, String.format("p2m_start_pfn 0x%x is above p2m_end_pfn 0x%x (restorer)", start, end));
        } else if (s.pvGuestWidth != 0) {
            long perFrame = PAGE_SIZE / s.pvGuestWidth;
            long frames = end / perFrame - start / perFrame + 1;
            if (b.length() != 8 + 8 * frames) {
                b.lengthProblem("length " + b.length() + ", but pfns 0x" + Long.toHexString(start) + "-0x"
                        + Long.toHexString(end) + " of a " + (s.pvGuestWidth * 8) + "-bit guest lie in " + frames
                        + " p2m frames: 8 + 8 * " + frames + " = " + (8 + 8 * frames) + " octets (restorer)");
            }
        }
        long frames = (b.length() - 8) / 8;
        return String.format("pfns 0x%x-0x%x, %s", start, end, Plural.count(frames, "frame"));
    }

    /** X86_PV_VCPU_BASIC, EXTENDED, XSAVE and MSRS: vcpu_id, reserved, a blob. */
    static String vcpu(RecordBody b, LibxcState s, String name) throws IOException {
        if (b.length() < 8) {
            b.lengthProblem(name + " of " + Plural.count(b.length(), "octet")
                    + " is shorter than its vcpu_id and reserved fields (8)");
            return "";
        }
        long id = b.u32();
        long reserved = b.u32();
        if (reserved != 0) {
            b.problem(4, String.format("reserved field after vcpu_id is 0x%08x, not zero", reserved));
        }
        long context = b.length() - 8;
        // Xen 4.6 to 4.8 wrote some of these with no context; the spec's errata says to tolerate it.
        return "vcpu " + id + ", " + (context == 0 ? "no context (tolerated: errata 1)" : context + " octets of context");
    }

    static String sharedInfo(RecordBody b, LibxcState s, String name) throws IOException {
        if (b.length() != PAGE_SIZE) {
            b.lengthProblem("SHARED_INFO is one page, 4096 octets, not " + b.length());
        }
        return "";
    }

    static String tscInfo(RecordBody b, LibxcState s, String name) throws IOException {
        if (b.length() != 24) {
            b.lengthProblem("X86_TSC_INFO is 24 octets, not " + b.length());
            return "";
        }
        long mode = b.u32();
        long khz = b.u32();
        long nsec = b.u64();
        long incarnation = b.u32();
        long reserved = b.u32();
        if (reserved != 0) {
            b.problem(20, String.format("reserved field after incarnation is 0x%08x, not zero", reserved));
        }
        return "mode " + mode + ", " + khz + " kHz, " + Long.toUnsignedString(nsec) + " ns, incarnation " + incarnation;
    }

    static String hvmContext(RecordBody b, LibxcState s, String name) throws IOException {
        if (b.length() == 0) {
            b.lengthProblem("HVM_CONTEXT is empty");
        }
        return b.length() + " octets of context";
    }

    static String hvmParams(RecordBody b, LibxcState s, String name) throws IOException {
        if (b.length() < 8) {
            b.lengthProblem("HVM_PARAMS of " + Plural.count(b.length(), "octet")
                    + " is shorter than its count and reserved fields (8)");
            return "";
        }
        long count = b.u32();
        long reserved = b.u32();
        if (reserved != 0) {
            b.problem(4, String.format("reserved field after count is 0x%08x, not zero", reserved));
        }
        if (b.length() != 8 + 16 * count) {
            b.lengthProblem("length " + b.length() + ", but " + Plural.count(count, "param")
                    + " of 16 octets need 8 + 16 * " + count
                    + " = " + (8 + 16 * count) + " octets");
        }
        return Plural.count(count, "param");
    }

    static String toolstack(RecordBody b, LibxcState s, String name) throws IOException {
        b.problem(0, "TOOLSTACK is deprecated: no restorer reads it");
        return b.length() + " octets";
    }

    static String dirtyPfnList(RecordBody b, LibxcState s, String name) throws IOException {
        b.problem(0, "CHECKPOINT_DIRTY_PFN_LIST belongs on a COLO back channel, not in a saved stream");
        if (b.length() % 8 != 0) {
            b.lengthProblem("length " + b.length() + " is not a multiple of 8 (a list of u64 pfns)");
        }
        return (b.length() / 8) + " pfns";
    }

    static String cpuidPolicy(RecordBody b, LibxcState s, String name) throws IOException {
        return policy(b, 24, "xen_cpuid_leaf_t", "leaf", "leaves");
    }

    static String msrPolicy(RecordBody b, LibxcState s, String name) throws IOException {
        return policy(b, 16, "xen_msr_entry_t", "MSR", "MSRs");
    }

    private static String policy(RecordBody b, int entry, String what, String one, String many) throws IOException {
        if (b.length() < entry || b.length() % entry != 0) {
            b.lengthProblem("length " + b.length() + " is not a positive multiple of " + entry + " (" + what + ")");
        }
        long n = b.length() / entry;
        return n + " " + (n == 1 ? one : many);
    }
}
