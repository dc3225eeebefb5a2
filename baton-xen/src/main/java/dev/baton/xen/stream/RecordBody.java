package dev.baton.xen.stream;

import dev.baton.core.wire.ByteCursor;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.RecordFrame;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;

/**
 * The body of one libxc or libxl record, read front to back straight from the input through a
 * core {@link ByteCursor} on its window: fields are read as they pass and bulk data (pages) is
 * skipped a chunk at a time, so a record of any length costs constant memory. Running out of
 * input is fatal (the framing is lost); a checker reads only what {@link #left()} says is there.
 */
public final class RecordBody {
    private final XenInput in;
    private final RecordFrame frame;
    private final Problems problems;
    /** The input's window; errors located at the record, with its context. */
    private final ByteCursor window;
    private long at;

    private RecordBody(XenInput in, RecordFrame frame, String context, Problems problems) {
        this.in = in;
        this.frame = frame;
        this.problems = problems;
        this.window = ByteCursor.of(in.wire(), 0, frame.index(), StreamFormatException.NO_TYPE, context);
    }

    /**
     * The body of {@code frame}, whose header the caller then consumes (after whatever must come
     * before it: the converter writes a record there). Fatal when the input's size is known and
     * the body and padding do not fit in it.
     *
     * @param context "libxc PAGE_DATA" and the like, for messages
     */
    public static RecordBody open(XenInput in, RecordFrame frame, String context, Problems problems)
            throws IOException {
        RecordBody body = new RecordBody(in, frame, context, problems);
        long remaining = in.remaining();
        if (remaining >= 0) {
            long follow = remaining - (frame.bodyOffset() - in.offset());
            if (frame.length() + frame.padding() > follow) {
                throw body.window.fatalAt(frame.offset() + 4, "length " + frame.length()
                        + " runs past the end of the input: only " + Plural.count(follow, "octet")
                        + (follow == 1 ? " follows" : " follow") + " the record header");
            }
        }
        return body;
    }

    public long length() {
        return frame.length();
    }

    /** Octets of the body not read yet. */
    public long left() {
        return frame.length() - at;
    }

    /** Position in the body of the next octet. */
    public long position() {
        return at;
    }

    public int u8() throws IOException {
        return window.u8(take(1));
    }

    public int u16() throws IOException {
        return window.u16(take(2));
    }

    public long u32() throws IOException {
        return window.u32(take(4));
    }

    public long u64() throws IOException {
        return window.s64(take(8));
    }

    /** The next {@code n} octets (small fields only: the checker bounds {@code n}). */
    public byte[] octets(int n) throws IOException {
        return window.bytes(take(n), n);
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

    /**
     * Skips what the checker left of the body, then reads the padding, which must be zero (a
     * problem the framing survives when it is not; the input ending inside it is fatal).
     */
    public void finish() throws IOException {
        skipRest();
        int pad = frame.padding();
        if (pad == 0) {
            return;
        }
        long padAt = in.offset();
        if (window.fill(pad) < pad) {
            throw window.fatalAt(padAt, "truncated padding: the stream ends inside the record's "
                    + Plural.count(pad, "octet") + " of padding");
        }
        int p = window.position();
        StringBuilder octets = new StringBuilder();
        boolean nonZero = false;
        for (int i = 0; i < pad; i++) {
            int v = window.u8(p + i);
            nonZero |= v != 0;
            octets.append(i == 0 ? "" : " ").append(String.format("%02x", v));
        }
        in.consume(pad);
        if (nonZero) {
            problems.report(window.errorAt(padAt, "non-zero padding after the body: " + octets));
        }
    }

    /** Reports a problem found at body position {@code pos}; the framing is intact. */
    public void problem(long pos, String problem) throws StreamFormatException {
        problems.report(window.errorAt(frame.bodyOffset() + pos, problem));
    }

    /** Reports a problem with the body's length (found at the record header's length field). */
    public void lengthProblem(String problem) throws StreamFormatException {
        problems.report(window.errorAt(frame.offset() + 4, problem));
    }

    /**
     * Makes the next {@code n} octets of the body available and consumes them through the input
     * (so that a tee copies them); returns their index in the window, where they stay to be read
     * until the next fill.
     */
    private int take(int n) throws IOException {
        if (n > left()) {
            throw new IllegalStateException("read of " + n + " with " + left() + " left");
        }
        int have = window.fill(n);
        if (have < n) {
            throw truncated(in.offset() + have);
        }
        int index = window.position();
        in.consume(n);
        at += n;
        return index;
    }

    /** The input ended at {@code end}, inside the body: the framing is lost. */
    private StreamFormatException truncated(long end) {
        return window.fatalAt(end, "truncated record body: the stream ends " + (frame.bodyOffset() + frame.length() - end)
                + " octets short of the record's " + frame.length());
    }
}
