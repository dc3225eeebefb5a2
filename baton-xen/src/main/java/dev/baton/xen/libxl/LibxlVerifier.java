package dev.baton.xen.libxl;

import dev.baton.core.wire.FatalFormatException;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.RecordFrame;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import dev.baton.xen.libxc.DomainHeader;
import dev.baton.xen.libxc.LibxcRecordType;
import dev.baton.xen.libxc.LibxcVerifier;
import dev.baton.xen.stream.RecordBody;
import dev.baton.xen.stream.XenInput;
import dev.baton.xen.stream.XenRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads and checks a libxl migration stream (libxl-migration-stream.pandoc): its header, its
 * records, and the libxc stream that follows LIBXC_CONTEXT, which {@link LibxcVerifier} checks
 * in place.
 *
 * <p>Beyond Xen's verify-stream-v2 it reads both byte orders and every option bit (the python
 * checker's mask stops at bit 15), follows checkpointed streams (the libxc stream hands over at
 * CHECKPOINT, libxl records follow up to CHECKPOINT_END, then libxc goes on), and checks the
 * order: one LIBXC_CONTEXT, before END; no CHECKPOINT_END outside a checkpoint; no emulator
 * records for a PV guest; nothing after END. Not thread-safe.
 */
public final class LibxlVerifier {
    public static final String HEADER = "libxl header";

    private final XenInput in;
    private final Problems problems;
    private final LibxlListener listener;
    private LibxlHeader header;
    private LibxcVerifier libxc;
    /** The libxc stream stopped at a CHECKPOINT and resumes after CHECKPOINT_END. */
    private boolean inCheckpoint;
    private long nextIndex;

    public LibxlVerifier(XenInput in, Problems problems, LibxlListener listener) {
        this.in = in;
        this.problems = problems;
        this.listener = listener;
    }

    /** Checks a whole libxl stream alone in its input, and that nothing follows its END. */
    public static LibxlVerifier verify(WireInput input, Problems problems, LibxlListener listener) throws IOException {
        return verify(new XenInput(input), problems, listener);
    }

    /** As {@link #verify(WireInput, Problems, LibxlListener)}, from an input a caller may tee. */
    public static LibxlVerifier verify(XenInput in, Problems problems, LibxlListener listener) throws IOException {
        LibxlVerifier v = new LibxlVerifier(in, problems, listener);
        v.read();
        v.expectEndOfInput();
        return v;
    }

    public LibxlHeader header() {
        return header;
    }

    /** The libxc stream inside, once LIBXC_CONTEXT has been read. */
    public LibxcVerifier libxc() {
        return libxc;
    }

    /** libxl records read. */
    public long records() {
        return nextIndex;
    }

    /** Records read in all: libxl's and those of the libxc stream inside. */
    public long allRecords() {
        return nextIndex + (libxc == null ? 0 : libxc.records());
    }

    /** Reads the header and every record up to END. */
    public void read() throws IOException {
        header = readHeader();
        in.order(header.order());
        while (readRecord() != LibxlRecordType.END.code()) {
            // each record is checked as it is read
        }
    }

    /** After END: nothing may follow. */
    public void expectEndOfInput() throws IOException {
        in.checkNothingAfterEnd(nextIndex, problems, "libxl");
    }

    private LibxlHeader readHeader() throws IOException {
        int have = in.fill(LibxlHeader.SIZE);
        ByteBuffer b = in.buffer().duplicate().order(ByteOrder.BIG_ENDIAN);
        int p = b.position();
        if (have < 8 || b.getLong(p) != LibxlHeader.IDENT) {
            throw fatal(0, have < 8 ? "not a libxl stream: it ends after " + Plural.count(have, "octet")
                    : String.format("not a libxl stream: ident 0x%016x is not \"LibxlFmt\"", b.getLong(p)));
        }
        if (have < LibxlHeader.SIZE) {
            throw fatal(have, "truncated header: the stream ends after " + have + " of 16 octets");
        }
        long version = b.getInt(p + 8) & 0xFFFF_FFFFL;
        int options = b.getInt(p + 12);
        if (version != LibxlHeader.VERSION) {
            throw fatal(8, "unknown libxl stream version " + version + " (version 2 is defined)");
        }
        LibxlHeader h = new LibxlHeader((int) version, (options & LibxlHeader.OPTION_BIG_ENDIAN) != 0
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, (options & LibxlHeader.OPTION_LEGACY) != 0);
        listener.libxlHeader(h);
        in.consume(LibxlHeader.SIZE);
        int reserved = options & ~(LibxlHeader.OPTION_BIG_ENDIAN | LibxlHeader.OPTION_LEGACY);
        if (reserved != 0) {
            problems.report(new StreamFormatException(String.format("reserved bits set in options: 0x%08x (bits 2-31 "
                    + "are reserved)", reserved), 12, StreamFormatException.IN_HEADER, StreamFormatException.NO_TYPE,
                    HEADER));
        }
        return h;
    }

    private int readRecord() throws IOException {
        RecordFrame frame = in.peekFrame(nextIndex, "libxl");
        LibxlRecordType type = LibxlRecordType.of(frame.type());
        String name = LibxlRecordType.name(frame.type());
        String context = "libxl " + name;
        RecordBody body = RecordBody.open(in, frame, context, problems);
        in.consume(RecordFrame.HEADER);
        nextIndex++;
        String detail;
        if (type == null) {
            if ((frame.type() & XenRecord.OPTIONAL) != 0) {
                detail = "unknown optional record: skipped";
            } else {
                body.problem(-RecordFrame.HEADER, String.format("unknown mandatory record type 0x%08x: a restorer "
                        + "must refuse the stream", frame.type()));
                detail = "unknown mandatory record";
            }
        } else {
            checkPlace(type, body);
            detail = type.checker().check(body, name);
        }
        body.finish();
        listener.record(new XenRecord("libxl", frame.index(), frame.offset(), frame.type(), name, frame.length(),
                detail));
        if (type == LibxlRecordType.LIBXC_CONTEXT) {
            startLibxc(frame);
        } else if (type == LibxlRecordType.CHECKPOINT_END && inCheckpoint) {
            inCheckpoint = libxc.readRecords(true) == LibxcRecordType.CHECKPOINT.code();
        }
        return frame.type();
    }

    /** The libxc stream follows LIBXC_CONTEXT, unframed: check it in place. */
    private void startLibxc(RecordFrame frame) throws IOException {
        if (libxc != null) {
            throw new FatalFormatException("a second LIBXC_CONTEXT: the libxc stream was already read, and what "
                    + "follows cannot be framed", frame.offset(), frame.index(), StreamFormatException.NO_TYPE,
                    "libxl LIBXC_CONTEXT");
        }
        libxc = new LibxcVerifier(in, problems, listener);
        libxc.readHeaders();
        inCheckpoint = libxc.readRecords(true) == LibxcRecordType.CHECKPOINT.code();
    }

    private void checkPlace(LibxlRecordType type, RecordBody body) throws IOException {
        long here = -RecordFrame.HEADER;
        switch (type) {
            case END -> {
                if (libxc == null) {
                    body.problem(here, "END without LIBXC_CONTEXT: the stream holds no domain");
                } else if (inCheckpoint) {
                    body.problem(here, "END inside a checkpoint: the libxc CHECKPOINT has no CHECKPOINT_END");
                }
            }
            case CHECKPOINT_END -> {
                if (!inCheckpoint) {
                    body.problem(here, "CHECKPOINT_END outside a checkpoint (no libxc CHECKPOINT before it)");
                }
            }
            case EMULATOR_XENSTORE_DATA, EMULATOR_CONTEXT -> {
                DomainHeader d = libxc == null ? null : libxc.domainHeader();
                if (d != null && d.isPv()) {
                    body.problem(here, type + " for an x86 PV guest, which has no emulator");
                }
            }
            default -> {
            }
        }
    }

    private static FatalFormatException fatal(long offset, String problem) {
        return new FatalFormatException(problem, offset, StreamFormatException.IN_HEADER,
                StreamFormatException.NO_TYPE, HEADER);
    }
}
