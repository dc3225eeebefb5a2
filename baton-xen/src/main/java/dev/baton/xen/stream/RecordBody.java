package dev.baton.xen.stream;

import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The body of one libxc or libxl record, read front to back straight from the input: fields
 * are read as they pass and bulk data (pages) is skipped a chunk at a time, so a record of any
 * length costs constant memory. Running out of input is fatal (the framing is lost); a checker
 * reads only what {@link #left()} says is there.
 */
public final class RecordBody {
    private final XenInput in;
    private final long start;
    private final long length;
    private final long index;
    private final String context;
    private final Problems problems;
    private long at;

    /**
     * @param start   absolute offset of the body's first octet
     * @param length  the record's body length
     * @param index   the record's index, for messages
     * @param context "libxc PAGE_DATA" and the like, for messages
     */
    public RecordBody(XenInput in, long start, long length, long index, String context, Problems problems) {
        this.in = in;
        this.start = start;
        this.length = length;
        this.index = index;
        this.context = context;
        this.problems = problems;
    }

    public long length() {
        return length;
    }

    /** Octets of the body not read yet. */
    public long left() {
        return length - at;
    }

    /** Position in the body of the next octet. */
    public long position() {
        return at;
    }

    public int u8() throws IOException {
        return take(1).get() & 0xFF;
    }

    public int u16() throws IOException {
        return take(2).getShort() & 0xFFFF;
    }

    public long u32() throws IOException {
        return take(4).getInt() & 0xFFFF_FFFFL;
    }

    public long u64() throws IOException {
        return take(8).getLong();
    }

    /** The next {@code n} octets (small fields only: the checker bounds {@code n}). */
    public byte[] octets(int n) throws IOException {
        byte[] b = new byte[n];
        take(n).get(b);
        return b;
    }

    /** Skips {@code n} octets of the body. */
    public void skip(long n) throws IOException {
        if (n > left()) {
            throw new IllegalStateException("skip " + n + " with " + left() + " left");
        }
        long done = in.skip(n);
        at += done;
        if (done < n) {
            throw truncated(in.offset());
        }
    }

    /** Skips whatever the checker did not read. */
    public void skipRest() throws IOException {
        skip(left());
    }

    /** Reports a problem found at body position {@code pos}; the framing is intact. */
    public void problem(long pos, String problem) throws StreamFormatException {
        problems.report(new StreamFormatException(problem, start + pos, index, StreamFormatException.NO_TYPE, context));
    }

    /** Reports a problem with the body's length (found at the record header's length field). */
    public void lengthProblem(String problem) throws StreamFormatException {
        problems.report(new StreamFormatException(problem, start - 4, index, StreamFormatException.NO_TYPE, context));
    }

    private ByteBuffer take(int n) throws IOException {
        if (n > left()) {
            throw new IllegalStateException("read of " + n + " with " + left() + " left");
        }
        int have = in.fill(n);
        if (have < n) {
            throw truncated(in.offset() + have);
        }
        ByteBuffer b = in.buffer();
        ByteBuffer field = b.slice(b.position(), n).order(b.order());
        in.consume(n);
        at += n;
        return field;
    }

    /** The input ended at {@code end}, inside the body: the framing is lost. */
    private StreamFormatException truncated(long end) {
        return new StreamFormatException("truncated record body: the stream ends " + (start + length - end)
                + " octets short of the record's " + length, end, index, StreamFormatException.NO_TYPE, context);
    }
}
