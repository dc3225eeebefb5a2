package dev.baton.core.wire;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes a Baton stream: the preamble and version header at creation, then records.
 *
 * <p>Records are framed in one buffer and written to the channel in batches, so the write path
 * costs one copy of each body and no allocation per record. A record is either written whole
 * ({@link #writeRecord}, {@link #writeSection}) or built in place ({@link #begin},
 * {@link #beginSection}, then {@link BodyWriter#end()}).
 *
 * <p>The writer keeps the stream's grammar ({@link StreamGrammar}): DESCRIPTION before the first
 * SECTION, STATIC_DATA_END exactly once, END last. Breaking it is a programming error and throws
 * {@link IllegalStateException}. An I/O failure while a {@link BodyWriter} put drains the
 * buffer surfaces as {@link UncheckedIOException}. Not thread-safe.
 */
public final class RecordWriter implements Closeable, Flushable {
    private static final int DIRECT_THRESHOLD = 64 * 1024;
    /**
     * Writes to the channel end on multiples of this many octets of the stream whenever they can:
     * the page cache then builds files from large pieces, which on Linux makes writing and reading
     * the stream back about a quarter faster than odd-sized writes (docs/PERFORMANCE.md).
     */
    private static final int ALIGN = 64 * 1024;

    private final WritableByteChannel out;
    private final boolean ownsChannel;
    private final WriterOptions options;
    private final int maxRecord;
    private final boolean checksums;
    private final CRC32C crc = new CRC32C();
    private final BodyWriter body = new BodyWriter(this);
    /**
     * The idstr {@link #beginSection} checked last (the same String object) and its length in
     * octets: a section saved again and again is checked once, with nothing allocated.
     */
    private String checkedIdstr;
    private int checkedIdstrLength;
    private ByteBuffer buf;
    private ByteBuffer view;
    private final ByteBuffer zeros = ByteBuffer.allocate(16);

    /** Index in {@link #buf} of the open record's header, or -1 when no record is open. */
    private int recordStart = -1;
    private int openType;
    /** The grammar's step for the open record, taken when it ends. */
    private int openStep;
    private long flushed;
    private long records;
    private final StreamGrammar grammar = new StreamGrammar();
    private boolean closed;

    private RecordWriter(WritableByteChannel out, boolean ownsChannel, WriterOptions options, boolean direct) {
        this.out = out;
        this.ownsChannel = ownsChannel;
        this.options = options;
        this.maxRecord = options.limits().maxRecordLength();
        this.checksums = options.checksums();
        int headerLength = VersionHeaderV1.length(options);
        int size = Math.max(options.bufferSize(), headerLength);
        setBuffer((direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size)).order(options.byteOrder()));
        StreamVersions.codec(options.formatVersion()).write(buf, options);
        buf.order(options.byteOrder());
    }

    /** A writer on a channel; closing the writer does not close the channel. */
    public static RecordWriter open(WritableByteChannel channel, WriterOptions options) {
        return new RecordWriter(channel, false, options, true);
    }

    /**
     * A writer on a stream; closing the writer does not close the stream. Its buffer is on the
     * heap: a stream takes octets from a byte array anyway, so a direct buffer would add a copy.
     */
    public static RecordWriter open(OutputStream stream, WriterOptions options) {
        return new RecordWriter(Channels.newChannel(stream), false, options, false);
    }

    /** A writer on a new or truncated file, which closing the writer closes. */
    public static RecordWriter open(Path file, WriterOptions options) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new RecordWriter(channel, true, options, true);
    }

    public WriterOptions options() {
        return options;
    }

    /** Octets of the stream so far, including those still buffered. */
    public long offset() {
        return flushed + buf.position();
    }

    /** Records written so far. */
    public long records() {
        return records;
    }

    /** Opens a record of {@code type}; put its body into the returned writer, then call {@link BodyWriter#end()}. */
    public BodyWriter begin(int type) {
        int step = checkOrder(type);
        room(RecordFrame.HEADER);
        recordStart = buf.position();
        openType = type;
        openStep = step;
        buf.putLong(0);
        return body;
    }

    /**
     * Opens a SECTION record and writes its header: instance id, section version and idstr.
     * Put the section's data into the returned writer, then call {@link BodyWriter#end()}.
     */
    public BodyWriter beginSection(String idstr, int instanceId, int sectionVersion) {
        if (idstr != checkedIdstr) {
            checkedIdstrLength = checkIdstr(idstr);
            checkedIdstr = idstr;
        }
        int idLength = checkedIdstrLength;
        return begin(RecordType.SECTION).putInt(instanceId).putInt(sectionVersion).putU16(idLength).putUtf8(idstr, idLength);
    }

    /** The idstr's length in octets, or an error when it holds NUL or is empty or too long. */
    private int checkIdstr(String idstr) {
        if (Utf8.containsNul(idstr)) {
            throw new IllegalArgumentException("idstr contains NUL");
        }
        int idLength = Utf8.encodedLength(idstr);
        if (idLength == 0 || idLength > options.limits().maxIdstrLength()) {
            throw new IllegalArgumentException("idstr '" + idstr + "' takes " + Plural.count(idLength, "octet")
                    + "; it must take 1 to " + options.limits().maxIdstrLength());
        }
        return idLength;
    }

    /** Writes a record whose whole body is the source's remaining octets (its position is left unchanged). */
    public void writeRecord(int type, ByteBuffer source) throws IOException {
        int step = checkOrder(type);
        int length = source.remaining();
        int padding = checkBody(type, length);
        int start = drainIfShort(RecordFrame.HEADER);
        buf.putInt(type).putInt(length);
        int crc = checksums ? checksum(start, source, padding) : 0;
        putBody(source);
        seal(step, padding, crc);
    }

    /** Writes the buffer out if fewer than {@code n} octets are left in it; returns its position. */
    private int drainIfShort(int n) throws IOException {
        if (buf.remaining() < n) {
            drain(buf.position());
        }
        return buf.position();
    }

    /**
     * Puts a whole record's body after its header, leaving the source's position unchanged. A
     * small body goes through the buffer, split across its boundaries and draining it whenever
     * full: its length is known up front, so nothing needs patching and the buffer is always
     * written out full. A body too large to be worth copying goes straight to the channel.
     */
    private void putBody(ByteBuffer source) throws IOException {
        if (source.remaining() >= DIRECT_THRESHOLD) {
            write(buf.position());
            ByteBuffer data = source.duplicate();
            while (data.hasRemaining()) {
                flushed += out.write(data);
            }
            return;
        }
        int from = source.position();
        int end = source.limit();
        while (from < end) {
            if (!buf.hasRemaining()) {
                drain(buf.position());
            }
            int n = Math.min(buf.remaining(), end - from);
            buf.put(buf.position(), source, from, n).position(buf.position() + n);
            from += n;
        }
    }

    /** Writes a whole SECTION record. */
    public void writeSection(String idstr, int instanceId, int sectionVersion, ByteBuffer data) {
        beginSection(idstr, instanceId, sectionVersion).put(data).end();
    }

    /** Writes the optional DESCRIPTION record: JSON text describing the sections. */
    public void writeDescription(ByteBuffer json) throws IOException {
        writeRecord(RecordType.DESCRIPTION, json);
    }

    /** Ends the static part of the stream. */
    public void writeStaticDataEnd() {
        begin(RecordType.STATIC_DATA_END).end();
    }

    /** Writes END and flushes: the stream is complete. */
    public void writeEnd() throws IOException {
        begin(RecordType.END).end();
        flush();
    }

    /** Writes every buffered octet to the channel. A record still open stays buffered. */
    @Override
    public void flush() throws IOException {
        write(recordStart >= 0 ? recordStart : buf.position());
    }

    /** Flushes, then closes the channel if this writer opened it. Does not write END. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            if (ownsChannel) {
                out.close();
            }
        }
    }

    // ---- the open record -------------------------------------------------------------------

    /** The buffer, with room for {@code n} more octets of the open record's body. */
    ByteBuffer room(int n) {
        if (buf.remaining() >= n) {
            return buf;
        }
        if (recordStart >= 0 && (long) buf.position() - recordStart - RecordFrame.HEADER + n > maxRecord) {
            throw new IllegalArgumentException("record body would exceed the limit of " + maxRecord + " octets");
        }
        return grow(n);
    }

    /** Makes room for {@code n} octets by writing out finished records, or else by growing the buffer. */
    private ByteBuffer grow(int n) {
        try {
            drain(recordStart >= 0 ? recordStart : buf.position());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (buf.remaining() < n) {
            long needed = (long) buf.position() + n + RecordFrame.TRAILER + 8;
            // A multiple of 8, as the options' size is: seal() relies on it to fit padding and trailer.
            int capacity = (int) (Math.min(Math.max(2L * buf.capacity(), RecordFrame.pad8(needed)),
                    Integer.MAX_VALUE - 8) & ~7L);
            ByteBuffer bigger = ByteBuffer.allocate(capacity).order(buf.order());
            bigger.put(buf.flip());
            setBuffer(bigger);
        }
        return buf;
    }

    void patchInt(int bodyOffset, int v) {
        if (recordStart < 0 || bodyOffset < 0 || bodyOffset + 4 > openBodyLength()) {
            throw new IllegalArgumentException("offset " + bodyOffset + " is not inside the open record's body");
        }
        buf.putInt(recordStart + RecordFrame.HEADER + bodyOffset, v);
    }

    int openBodyLength() {
        return recordStart < 0 ? 0 : buf.position() - recordStart - RecordFrame.HEADER;
    }

    void endRecord() {
        if (recordStart < 0) {
            throw new IllegalStateException("no record is open");
        }
        int start = recordStart;
        int length = buf.position() - start - RecordFrame.HEADER;
        int padding = checkBody(openType, length); // refused, the record stays open
        recordStart = -1;
        buf.putInt(start, openType).putInt(start + 4, length);
        int crc = checksums ? checksum(start, null, padding) : 0;
        try {
            seal(openStep, padding, crc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The steps of writing a record, each in one place: checkOrder, checkBody (limit and empty
    // body), checksum, seal (padding, trailer, count, grammar). A record comes whole
    // (writeRecord) or is built in place (begin, then endRecord); both take the same steps and
    // differ only in where header and body go. They stay two short methods rather than one with
    // a branch on where the body is: the JIT then compiles each with its own profile. One shared
    // method made 100-octet records built in place a sixth slower (CPU time, 65536 records): C2
    // would not inline it into endRecord and ran it on the whole records' branch profile.

    /**
     * Pads the record whose body ends at the buffer's position, appends its trailer, and counts
     * it. Records start and end on multiples of 8 in the stream, and the buffer's size is one too,
     * so when padding or trailer does not fit, draining the buffer frees room enough for it.
     */
    private void seal(int step, int padding, int crc) throws IOException {
        drainIfShort(padding);
        buf.put(zeros.array(), 0, padding);
        if (checksums) {
            drainIfShort(RecordFrame.TRAILER);
            buf.putInt(crc).putInt(0);
        }
        records++;
        grammar.take(step);
    }

    /**
     * Refuses a body beyond the record limit, and one where the grammar wants none (rule 5);
     * returns the padding the body takes.
     */
    private int checkBody(int type, int length) {
        if (length > maxRecord) {
            throw new IllegalArgumentException("record body of " + Plural.count(length, "octet")
                    + " exceeds the limit of "
                    + maxRecord);
        }
        if (length != 0 && StreamGrammar.emptyBody(type)) {
            throw new IllegalStateException(StreamGrammar.emptyBodyBroken(type));
        }
        return RecordFrame.padding(length);
    }

    /**
     * The CRC-32C of the record whose header is at {@code start} in the buffer (docs/FORMAT.md
     * 7.2): header, body (the source's remaining octets, or those after the header in the buffer
     * when there is no source) and padding.
     */
    private int checksum(int start, ByteBuffer source, int padding) {
        crc.reset();
        view.limit(source == null ? buf.position() : start + RecordFrame.HEADER).position(start);
        crc.update(view);
        if (source != null) {
            int pos = source.position();
            crc.update(source);
            source.position(pos);
        }
        crc.update(zeros.array(), 0, padding);
        return (int) crc.getValue();
    }

    /**
     * Refuses a record that may not come now: the writer is closed, a record is open, or the
     * grammar says no. Returns the grammar's step for it, taken once the record is written.
     */
    private int checkOrder(int type) {
        if (closed) {
            throw new IllegalStateException("the writer is closed");
        }
        if (recordStart >= 0) {
            throw new IllegalStateException("a " + RecordType.name(openType) + " record is still open");
        }
        int step = grammar.step(type);
        if (StreamGrammar.breaks(step) != 0) {
            throw new IllegalStateException(StreamGrammar.Break.first(StreamGrammar.breaks(step)).writing());
        }
        // After the grammar: a type outside the type space breaks no rule of it but one, that
        // nothing may follow END, and that is the fault to name then.
        if (!RecordType.isCore(type) && !RecordType.isApplication(type)) {
            throw new IllegalArgumentException(String.format("type 0x%08x is neither a core type nor an "
                    + "application type (bit 30): only docs/FORMAT.md allocates core types", type));
        }
        return step;
    }

    /**
     * Writes out the buffer's first octets, up to {@code upTo} at most but ending on a multiple of
     * {@link #ALIGN} in the stream when that frees anything, and moves the rest to the front.
     */
    private void drain(int upTo) throws IOException {
        int aligned = upTo - (int) ((flushed + upTo) % ALIGN);
        write(aligned > 0 ? aligned : upTo);
    }

    /** Writes buffer octets {@code [0, upTo)} to the channel and moves the rest to the front. */
    private void write(int upTo) throws IOException {
        if (upTo == 0) {
            return;
        }
        int end = buf.position();
        buf.position(0).limit(upTo);
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        flushed += upTo;
        buf.limit(end).position(upTo);
        buf.compact();
        if (recordStart >= 0) {
            recordStart -= upTo;
        }
    }

    private void setBuffer(ByteBuffer b) {
        buf = b;
        view = b.duplicate();
    }

}
