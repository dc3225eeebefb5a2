package dev.baton.qemu.savevm;

import dev.baton.core.wire.ByteCursor;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The typed, big-endian reads of a QEMU savevm stream over a {@link WireInput}: octets, be16, be32,
 * be64, counted strings and runs of octets, each checked against what has really arrived. Each
 * read makes its octets available, naming the field when the input ends first, then reads them
 * through a core {@link ByteCursor} on the input's window.
 *
 * <p>Every error it raises is a {@link StreamFormatException} carrying the absolute offset, the
 * index of the top-level record being read and the current {@link #context(String) context}
 * (such as {@code section 'cpu (5)'}). The input may start in the middle of a stream (a buffered
 * tail, see {@link TailBuffer}): {@code base} is then the stream offset of its first octet.
 */
public final class SavevmInput {
    private final WireInput in;
    private final ByteCursor window;

    public SavevmInput(WireInput in, long base) {
        this.in = in;
        in.order(ByteOrder.BIG_ENDIAN);
        this.window = ByteCursor.of(in, base, StreamFormatException.IN_HEADER, StreamFormatException.NO_TYPE, null);
    }

    /** The underlying input; reads through it bypass this class's checks. */
    WireInput wire() {
        return in;
    }

    /** The input's window as of the last {@link #need}: for reads at an index of octets not consumed. */
    ByteCursor window() {
        return window;
    }

    /** Absolute stream offset of the next unread octet. */
    public long offset() {
        return window.offset();
    }

    /** Octets known to remain, or -1 when the input cannot tell (a pipe). */
    public long remaining() throws IOException {
        return in.remaining();
    }

    /** Index of the top-level record being read, for error messages. */
    void record(long index) {
        window.recordIndex(index);
    }

    long record() {
        return window.recordIndex();
    }

    /** Where errors say they are, e.g. {@code section 'timer (0)'}; {@code null} for none. */
    public void context(String where) {
        window.context(where);
    }

    public String context() {
        return window.context();
    }

    /** Ensures {@code n} octets are available, or throws a fatal truncation error naming {@code what}. */
    public void need(long n, String what) throws IOException {
        if (n > Integer.MAX_VALUE) {
            throw window.fatalAt(offset(), "length " + n + " of " + what + " is beyond any limit");
        }
        int have = window.fill((int) n);
        if (have < n) {
            throw window.fatalAt(offset(), "truncated: " + what + " needs " + Plural.count(n, "octet") + ", " + have
                    + " left");
        }
    }

    public int u8(String what) throws IOException {
        need(1, what);
        return window.u8();
    }

    public int be16(String what) throws IOException {
        need(2, what);
        return window.u16();
    }

    /** A u32, returned as a non-negative long. */
    public long be32(String what) throws IOException {
        need(4, what);
        return window.u32();
    }

    public long be64(String what) throws IOException {
        need(8, what);
        return window.s64();
    }

    /** The next octet without consuming it, or -1 at the end of the input. */
    public int peek() throws IOException {
        return peek(0);
    }

    /** Octet {@code i} ahead without consuming anything, or -1 when the input ends before it. */
    public int peek(int i) throws IOException {
        if (window.fill(i + 1) < i + 1) {
            return -1;
        }
        return window.u8(window.position() + i);
    }

    /** True when nothing remains. */
    public boolean atEnd() throws IOException {
        return in.atEnd();
    }

    /** Copies the next {@code n} octets out. {@code n} must already be checked against limits. */
    public byte[] bytes(int n, String what) throws IOException {
        need(n, what);
        return window.bytes(n);
    }

    /**
     * A view of the next {@code n} octets, valid until the next read; they count as consumed.
     * For page-sized runs that are handed on without a copy.
     */
    public ByteBuffer view(int n, String what) throws IOException {
        need(n, what);
        return window.view(n);
    }

    /** Skips {@code n} octets, failing when the input ends first. */
    public void skip(long n, String what) throws IOException {
        long done = in.skip(n);
        if (done < n) {
            throw window.fatalAt(offset(), "truncated: " + what + " needs " + Plural.count(n, "octet") + ", " + done
                    + " left");
        }
    }

    /** A QEMU counted string: a u8 length, then that many octets of UTF-8. */
    public String counted(String what) throws IOException {
        return utf8(u8(what + " length"), what);
    }

    /**
     * {@code n} octets of UTF-8, decoded strictly: QEMU's names are C strings, and a bad one means
     * bad framing.
     */
    public String utf8(int n, String what) throws IOException {
        need(n, what);
        String s = window.utf8(n);
        if (s == null) {
            throw error(what + " is not UTF-8");
        }
        return s;
    }

    /** An error at the current offset. */
    public StreamFormatException error(String problem) {
        return errorAt(offset(), problem);
    }

    /** An error at an earlier offset, such as the start of the field being decoded. */
    public StreamFormatException errorAt(long at, String problem) {
        return window.errorAt(at, problem);
    }

    /** An error at {@code at} with a detail (a field path) appended to the current context. */
    public StreamFormatException errorAt(long at, String detail, String problem) {
        String where = context() == null ? detail : context() + ", " + detail;
        return new StreamFormatException(problem, at, record(), StreamFormatException.NO_TYPE, where);
    }
}
