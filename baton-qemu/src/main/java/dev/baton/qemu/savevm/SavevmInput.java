package dev.baton.qemu.savevm;

import dev.baton.core.wire.Plural;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The typed, big-endian reads of a QEMU savevm stream over a {@link WireInput}: octets, be16, be32,
 * be64, counted strings and runs of octets, each checked against what has really arrived.
 *
 * <p>Every error it raises is a {@link StreamFormatException} carrying the absolute offset, the
 * index of the top-level record being read and the current {@link #context(String) context}
 * (such as {@code section 'cpu (5)'}). The input may start in the middle of a stream (a buffered
 * tail, see {@link TailBuffer}): {@code base} is then the stream offset of its first octet.
 */
public final class SavevmInput {
    private final WireInput in;
    private final long base;
    private long record = StreamFormatException.IN_HEADER;
    private String context;

    public SavevmInput(WireInput in, long base) {
        this.in = in;
        this.base = base;
        in.order(ByteOrder.BIG_ENDIAN);
    }

    /** The underlying input; reads through it bypass this class's checks. */
    WireInput wire() {
        return in;
    }

    /** Absolute stream offset of the next unread octet. */
    public long offset() {
        return base + in.offset();
    }

    /** Octets known to remain, or -1 when the input cannot tell (a pipe). */
    public long remaining() throws IOException {
        return in.remaining();
    }

    /** Index of the top-level record being read, for error messages. */
    void record(long index) {
        this.record = index;
    }

    long record() {
        return record;
    }

    /** Where errors say they are, e.g. {@code section 'timer (0)'}; {@code null} for none. */
    public void context(String where) {
        this.context = where;
    }

    public String context() {
        return context;
    }

    /** Ensures {@code n} octets are available, or throws a truncation error naming {@code what}. */
    public void need(long n, String what) throws IOException {
        if (n > Integer.MAX_VALUE) {
            throw error("length " + n + " of " + what + " is beyond any limit");
        }
        int have = in.fill((int) n);
        if (have < n) {
            throw error("truncated: " + what + " needs " + Plural.count(n, "octet") + ", " + have + " left");
        }
    }

    public int u8(String what) throws IOException {
        need(1, what);
        ByteBuffer b = in.buffer();
        int v = b.get(b.position()) & 0xFF;
        in.consume(1);
        return v;
    }

    public int be16(String what) throws IOException {
        need(2, what);
        ByteBuffer b = in.buffer();
        int v = b.getShort(b.position()) & 0xFFFF;
        in.consume(2);
        return v;
    }

    /** A u32, returned as a non-negative long. */
    public long be32(String what) throws IOException {
        need(4, what);
        ByteBuffer b = in.buffer();
        long v = b.getInt(b.position()) & 0xFFFF_FFFFL;
        in.consume(4);
        return v;
    }

    public long be64(String what) throws IOException {
        need(8, what);
        ByteBuffer b = in.buffer();
        long v = b.getLong(b.position());
        in.consume(8);
        return v;
    }

    /** The next octet without consuming it, or -1 at the end of the input. */
    public int peek() throws IOException {
        if (in.fill(1) < 1) {
            return -1;
        }
        ByteBuffer b = in.buffer();
        return b.get(b.position()) & 0xFF;
    }

    /** Octet {@code i} ahead without consuming anything, or -1 when the input ends before it. */
    public int peek(int i) throws IOException {
        if (in.fill(i + 1) < i + 1) {
            return -1;
        }
        ByteBuffer b = in.buffer();
        return b.get(b.position() + i) & 0xFF;
    }

    /** True when nothing remains. */
    public boolean atEnd() throws IOException {
        return in.atEnd();
    }

    /** Copies the next {@code n} octets out. {@code n} must already be checked against limits. */
    public byte[] bytes(int n, String what) throws IOException {
        need(n, what);
        byte[] out = new byte[n];
        in.buffer().get(in.buffer().position(), out);
        in.consume(n);
        return out;
    }

    /**
     * A view of the next {@code n} octets, valid until the next read; they count as consumed.
     * For page-sized runs that are handed on without a copy.
     */
    public ByteBuffer view(int n, String what) throws IOException {
        need(n, what);
        ByteBuffer b = in.buffer();
        ByteBuffer v = b.slice(b.position(), n);
        in.consume(n);
        return v;
    }

    /** Skips {@code n} octets, failing when the input ends first. */
    public void skip(long n, String what) throws IOException {
        long done = in.skip(n);
        if (done < n) {
            throw error("truncated: " + what + " needs " + Plural.count(n, "octet") + ", " + done + " left");
        }
    }

    /** A QEMU counted string: a u8 length, then that many octets of UTF-8. */
    public String counted(String what) throws IOException {
        int len = u8(what + " length");
        return utf8(bytes(len, what), what);
    }

    /** Decodes UTF-8 strictly: QEMU's names are C strings, and a bad one means bad framing. */
    public String utf8(byte[] octets, String what) throws StreamFormatException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw error(what + " is not UTF-8");
        }
    }

    /** An error at the current offset. */
    public StreamFormatException error(String problem) {
        return errorAt(offset(), problem);
    }

    /** An error at an earlier offset, such as the start of the field being decoded. */
    public StreamFormatException errorAt(long at, String problem) {
        return new StreamFormatException(problem, at, record, StreamFormatException.NO_TYPE, context);
    }

    /** An error at {@code at} with a detail (a field path) appended to the current context. */
    public StreamFormatException errorAt(long at, String detail, String problem) {
        String where = context == null ? detail : context + ", " + detail;
        return new StreamFormatException(problem, at, record, StreamFormatException.NO_TYPE, where);
    }
}
