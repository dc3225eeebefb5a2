package dev.baton.xen.libxc;

import dev.baton.core.wire.FatalFormatException;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.RecordFrame;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import dev.baton.xen.stream.RecordBody;
import dev.baton.xen.stream.XenInput;
import dev.baton.xen.stream.XenRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads and checks a libxc migration stream (libxc-migration-stream.pandoc), v2 or v3, alone or
 * inside a libxl stream's LIBXC_CONTEXT.
 *
 * <p>It makes every check of Xen's verify-stream-v2 (header marker, id, version 2 to 3, options
 * and reserved fields, domain type and page shift, record framing and zero padding, each record
 * type's length rules and reserved fields, PAGE_DATA's pfn types and page count, records that
 * are invalid in v2) and these that it lacks: the spec's order rules (X86_PV_INFO, then
 * X86_PV_P2M_FRAMES, then PAGE_DATA, then the vCPU records for PV; HVM_PARAMS before
 * HVM_CONTEXT for HVM), STATIC_DATA_END exactly once in v3 and ahead of any memory or register
 * record with no static record after it, records the guest type's restorer does not read, a few
 * rules of Xen's restorer, and, for a stream alone in its input, octets after END. Unlike
 * verify-stream-v2 it reads both byte orders and skips unknown optional records (bit 31), which
 * the spec lets a restorer ignore.
 *
 * <p>Page contents are skipped, never held: memory stays constant for any stream length. Problems
 * go to a {@link Problems}; losing the framing (truncation, a length past the input, an image
 * header that is not libxc's) is always thrown. Not thread-safe.
 */
public final class LibxcVerifier {
    /** Context of the header problems. */
    public static final String IMAGE_HEADER = "libxc image header";
    public static final String DOMAIN_HEADER = "libxc domain header";

    private final XenInput in;
    private final Problems problems;
    private final LibxcListener listener;
    private LibxcState state;
    private ImageHeader header;
    private long nextIndex;
    private boolean ended;

    public LibxcVerifier(XenInput in, Problems problems, LibxcListener listener) {
        this.in = in;
        this.problems = problems;
        this.listener = listener;
    }

    /**
     * Checks a whole libxc stream that is alone in its input: headers, records up to END, and
     * that nothing follows END.
     */
    public static LibxcVerifier verify(WireInput input, Problems problems, LibxcListener listener) throws IOException {
        return verify(new XenInput(input), problems, listener);
    }

    /** As {@link #verify(WireInput, Problems, LibxcListener)}, from an input a caller may tee. */
    public static LibxcVerifier verify(XenInput in, Problems problems, LibxcListener listener) throws IOException {
        LibxcVerifier v = new LibxcVerifier(in, problems, listener);
        v.readHeaders();
        v.readRecords(false);
        v.expectEndOfInput();
        return v;
    }

    public ImageHeader imageHeader() {
        return header;
    }

    public DomainHeader domainHeader() {
        return state == null ? null : state.domain;
    }

    /** Records read so far. */
    public long records() {
        return nextIndex;
    }

    /** Whether END has been read. */
    public boolean ended() {
        return ended;
    }

    /** Reads and checks the image and domain headers. */
    public void readHeaders() throws IOException {
        header = readImageHeader();
        in.order(header.order());
        state = new LibxcState(header.version());
        state.domain = readDomainHeader();
    }

    /**
     * Reads and checks records up to END or, when {@code embedded} in a libxl stream, up to a
     * CHECKPOINT, which hands the stream back to libxl; call again to go on after it.
     *
     * @return the type of the record that stopped reading
     */
    public int readRecords(boolean embedded) throws IOException {
        if (state == null) {
            throw new IllegalStateException("headers not read");
        }
        while (true) {
            int type = readRecord();
            if (type == LibxcRecordType.END.code()) {
                ended = true;
                atEnd();
                return type;
            }
            if (embedded && type == LibxcRecordType.CHECKPOINT.code()) {
                return type;
            }
        }
    }

    /** After END, for a stream alone in its input: nothing may follow. */
    public void expectEndOfInput() throws IOException {
        in.checkNothingAfterEnd(nextIndex, problems, "libxc");
    }

    // ---- headers -------------------------------------------------------------------------------

    private ImageHeader readImageHeader() throws IOException {
        long at = in.offset();
        int have = in.fill(ImageHeader.SIZE);
        ByteBuffer b = in.buffer().duplicate().order(ByteOrder.BIG_ENDIAN);
        int p = b.position();
        if (have < 8 || b.getLong(p) != ImageHeader.MARKER) {
            throw headerFatal(at, have < 8 ? "not a libxc stream: it ends after " + Plural.count(have, "octet")
                    : String.format("not a libxc stream: marker 0x%016x is not all ones (a legacy image has a zero bit "
                    + "in its first 8 octets)", b.getLong(p)));
        }
        if (have < ImageHeader.SIZE) {
            throw headerFatal(at + have, "truncated image header: the stream ends after " + have + " of 24 octets");
        }
        int id = b.getInt(p + 8);
        long version = b.getInt(p + 12) & 0xFFFF_FFFFL;
        int options = b.getShort(p + 16) & 0xFFFF;
        int res1 = b.getShort(p + 18) & 0xFFFF;
        long res2 = b.getInt(p + 20) & 0xFFFF_FFFFL;
        if (id != ImageHeader.ID) {
            throw headerFatal(at + 8, String.format("not a libxc stream: id 0x%08x is not 0x%08x (\"XENF\")", id,
                    ImageHeader.ID));
        }
        if (version < ImageHeader.MIN_VERSION || version > ImageHeader.MAX_VERSION) {
            throw headerFatal(at + 12, "unknown image version " + version + " (versions 2 and 3 are defined)");
        }
        ImageHeader h = new ImageHeader((int) version, (options & ImageHeader.OPTION_BIG_ENDIAN) != 0
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        listener.imageHeader(h);
        in.consume(ImageHeader.SIZE);
        if ((options & ~ImageHeader.OPTION_BIG_ENDIAN) != 0) {
            headerProblem(at + 16, String.format("reserved bits set in options: 0x%04x (bits 1-15 are reserved)",
                    options & ~ImageHeader.OPTION_BIG_ENDIAN), IMAGE_HEADER);
        }
        if (res1 != 0 || res2 != 0) {
            headerProblem(at + 18, String.format("reserved fields are 0x%04x 0x%08x, not zero", res1, res2),
                    IMAGE_HEADER);
        }
        return h;
    }

    private DomainHeader readDomainHeader() throws IOException {
        long at = in.offset();
        int have = in.fill(DomainHeader.SIZE);
        if (have < DomainHeader.SIZE) {
            throw new FatalFormatException("truncated domain header: the stream ends after " + have + " of 16 octets",
                    at + have, StreamFormatException.IN_HEADER, StreamFormatException.NO_TYPE, DOMAIN_HEADER);
        }
        ByteBuffer b = in.buffer();
        int p = b.position();
        DomainHeader d = new DomainHeader(b.getInt(p) & 0xFFFF_FFFFL, b.getShort(p + 4) & 0xFFFF,
                b.getInt(p + 8) & 0xFFFF_FFFFL, b.getInt(p + 12) & 0xFFFF_FFFFL);
        int reserved = b.getShort(p + 6) & 0xFFFF;
        listener.domainHeader(d);
        in.consume(DomainHeader.SIZE);
        if (!d.isPv() && !d.isHvm()) {
            headerProblem(at, String.format("unknown domain type 0x%x (1 x86 PV, 2 x86 HVM)", d.type()), DOMAIN_HEADER);
        }
        if (d.pageShift() != 12) {
            headerProblem(at + 4, "page_shift " + d.pageShift() + ", not 12 (4096-octet pages)", DOMAIN_HEADER);
        }
        if (reserved != 0) {
            headerProblem(at + 6, String.format("reserved field is 0x%04x, not zero", reserved), DOMAIN_HEADER);
        }
        return d;
    }

    // ---- records -------------------------------------------------------------------------------

    private int readRecord() throws IOException {
        RecordFrame frame = in.peekFrame(nextIndex, "libxc");
        LibxcRecordType type = LibxcRecordType.of(frame.type());
        String name = LibxcRecordType.name(frame.type());
        String context = "libxc " + name;
        RecordBody body = RecordBody.open(in, frame, context, problems);
        listener.beforeRecord(frame.type());
        in.consume(RecordFrame.HEADER);
        nextIndex++;
        String detail;
        if (type == null) {
            detail = unknown(frame, body);
        } else {
            checkPlace(type, body);
            detail = type.checker().check(body, state, name);
        }
        body.finish();
        listener.record(new XenRecord("libxc", frame.index(), frame.offset(), frame.type(), name, frame.length(), detail));
        return frame.type();
    }

    private String unknown(RecordFrame frame, RecordBody body) throws IOException {
        if ((frame.type() & XenRecord.OPTIONAL) != 0) {
            return "unknown optional record: skipped";
        }
        body.problem(-RecordFrame.HEADER, String.format("unknown mandatory record type 0x%08x: a restorer must refuse "
                + "the stream", frame.type()));
        return "unknown mandatory record";
    }

    /** Version, guest type and order rules: where a record of this type may be. */
    private void checkPlace(LibxcRecordType type, RecordBody body) throws IOException {
        long here = -RecordFrame.HEADER;
        if (state.version < type.since()) {
            body.problem(here, type + " is invalid in a v" + state.version + " stream (it appeared in v" + type.since()
                    + ")");
        }
        DomainHeader d = state.domain;
        if ((d.isPv() || d.isHvm()) && type != LibxcRecordType.TOOLSTACK && !type.validFor(d)) {
            body.problem(here, type + " is not read by the " + d.guestName() + " restorer");
        }
        if (type == LibxcRecordType.STATIC_DATA_END && ++state.staticDataEnds > 1) {
            body.problem(here, "a second STATIC_DATA_END (there is exactly one)");
        }
        if (state.version >= 3 && state.staticDataEnds == 0 && type.isContent()
                && !state.contentBeforeStaticEndReported) {
            state.contentBeforeStaticEndReported = true;
            body.problem(here, type + " before STATIC_DATA_END: v3 sends all static data before memory and registers");
        }
        if (state.staticDataEnds > 0 && type.isStatic()) {
            body.problem(here, type + " after STATIC_DATA_END: it is static data");
        }
        if (d.isPv()) {
            pvOrder(type, body);
        } else if (d.isHvm()) {
            hvmOrder(type, body);
        }
    }

    /** X86_PV_INFO, then X86_PV_P2M_FRAMES, then PAGE_DATA, then the vCPU records. */
    private void pvOrder(LibxcRecordType type, RecordBody body) throws IOException {
        long here = -RecordFrame.HEADER;
        switch (type) {
            case X86_PV_P2M_FRAMES -> {
                if (!state.pvInfo) {
                    body.problem(here, "X86_PV_P2M_FRAMES before X86_PV_INFO: the p2m needs the guest's width");
                }
                state.p2mFrames = true;
            }
            case PAGE_DATA -> {
                if (!state.p2mFrames && !state.pageData) {
                    body.problem(here, "PAGE_DATA before X86_PV_P2M_FRAMES: a PV guest's pages need its p2m first");
                }
                state.pageData = true;
            }
            case X86_PV_VCPU_BASIC, X86_PV_VCPU_EXTENDED, X86_PV_VCPU_XSAVE, X86_PV_VCPU_MSRS -> {
                if (!state.pageData) {
                    body.problem(here, type + " before any PAGE_DATA: vCPU state comes after memory");
                    state.pageData = true; // said once
                }
            }
            default -> {
            }
        }
    }

    /** HVM_PARAMS before HVM_CONTEXT. */
    private void hvmOrder(LibxcRecordType type, RecordBody body) throws IOException {
        if (type == LibxcRecordType.HVM_CONTEXT) {
            state.hvmContext = true;
        } else if (type == LibxcRecordType.HVM_PARAMS && state.hvmContext) {
            body.problem(-RecordFrame.HEADER, "HVM_PARAMS after HVM_CONTEXT: params can change what the context means");
        }
    }

    /** What must have happened by END. */
    private void atEnd() throws IOException {
        long at = in.offset() - RecordFrame.HEADER;
        if (state.version >= 3 && state.staticDataEnds == 0) {
            problems.report(new StreamFormatException("END without STATIC_DATA_END: a v3 stream has exactly one",
                    at, nextIndex - 1, StreamFormatException.NO_TYPE, "libxc END"));
        }
        if (state.domain.isPv() && !state.pvInfo) {
            problems.report(new StreamFormatException("END without X86_PV_INFO: an x86 PV stream needs it",
                    at, nextIndex - 1, StreamFormatException.NO_TYPE, "libxc END"));
        }
    }

    private void headerProblem(long offset, String problem, String context) throws StreamFormatException {
        problems.report(new StreamFormatException(problem, offset, StreamFormatException.IN_HEADER,
                StreamFormatException.NO_TYPE, context));
    }

    private static FatalFormatException headerFatal(long offset, String problem) {
        return new FatalFormatException(problem, offset, StreamFormatException.IN_HEADER,
                StreamFormatException.NO_TYPE, IMAGE_HEADER);
    }
}
