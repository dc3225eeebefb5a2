package dev.baton.core.wire;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads a Baton stream: preamble and version header when opened, then one record per
 * {@link #next()}, until END.
 *
 * <p>Memory beyond the record being read is constant, however long the stream: bodies are read
 * only when asked for ({@link StreamRecord#body()}) and otherwise streamed past in chunks. Every length
 * is checked against {@link StreamLimits} and, when the input's size is known, against what
 * remains, before anything is allocated.
 *
 * <p>Bad input throws {@link StreamFormatException} with its offset and record. When
 * {@link ReaderOptions#problems()} collects, problems that leave the framing intact go there instead
 * and reading goes on; what it still throws is a {@link FatalFormatException}, apart from the
 * record errors a caller meets in {@link StreamRecord#sectionHeader()}. Not thread-safe.
 */
public final class RecordReader implements Closeable {
    private final WireInput in;
    private final Closeable owned;
    private final ReaderOptions options;
    private final StreamLimits limits;
    private final StreamHeader header;
    private final boolean checksums;
    private final StreamRecord record = new StreamRecord(this);
    private final CRC32C crc = new CRC32C();
    /** The application's types, sorted, so a lookup neither boxes nor allocates. */
    private final int[] applicationTypes;

    private long nextIndex;
    /** State of the current record: open (header read), body loaded, consumed. */
    private boolean open;
    private boolean loaded;
    /** Index in the window's buffer of the loaded body's first octet. */
    private int bodyAt;
    /** {@link #bodyView}'s read-only view, made again only when the input changes its buffer. */
    private ByteBuffer view;
    private ByteBuffer viewOf;
    private int recordSize;

    private final StreamGrammar grammar = new StreamGrammar();

    private RecordReader(WireInput in, Closeable owned, ReaderOptions options) throws IOException {
        this.in = in;
        this.owned = owned;
        this.options = options;
        this.limits = options.limits();
        this.applicationTypes = options.applicationTypes().keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        try {
            this.header = readHeader();
        } catch (IOException | RuntimeException e) {
            unmap();
            closeQuietly(owned);
            throw e;
        } catch (InternalError e) {
            IOException lost = lostPages(e);
            unmap();
            closeQuietly(owned);
            throw lost;
        }
        this.checksums = header.checksums();
    }

    /** A reader over a channel; closing the reader does not close the channel. */
    public static RecordReader open(ReadableByteChannel channel, ReaderOptions options) throws IOException {
        return new RecordReader(new ChannelInput(channel, -1, ChannelInput.DEFAULT_BUFFER), null, options);
    }

    /** A reader over a stream; closing the reader does not close the stream. */
    public static RecordReader open(InputStream stream, ReaderOptions options) throws IOException {
        return open(Channels.newChannel(stream), options);
    }

    /** A reader over octets in memory, from the buffer's position to its limit; nothing is copied. */
    public static RecordReader open(ByteBuffer octets, ReaderOptions options) throws IOException {
        return new RecordReader(new BufferInput(octets), null, options);
    }

    /**
     * A reader over a file, which closing the reader closes; its size bounds every length. On
     * Java 22 and newer a regular file is read through memory mappings rather than copies, so
     * bodies are views of the page cache, valid until the next record or until the reader is
     * closed. The file must not shrink while it is read: the reader reports that as an
     * {@link IOException}, the JVM as an {@link InternalError} on access to a body handed out.
     * Anything else (a pipe, a device, any file on Java 21) is read through a buffer.
     */
    public static RecordReader open(Path file, ReaderOptions options) throws IOException {
        return open(file, options, MappedInput.WINDOW);
    }

    /**
     * {@link #open(Path, ReaderOptions)} mapping {@code window} octets at a time, or, with a window
     * of 0, reading through a buffer as on Java 21 (for tests of that path on a newer Java).
     */
    static RecordReader open(Path file, ReaderOptions options, int window) throws IOException {
        FileChannel channel = InputFiles.open(file);
        WireInput in;
        try {
            in = fileInput(channel, file, window);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
        return new RecordReader(in, channel, options);
    }

    /** Mappings for a regular file that has octets and lets itself be mapped; reads otherwise. */
    private static WireInput fileInput(FileChannel channel, Path file, int window) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new ChannelInput(channel, -1, ChannelInput.DEFAULT_BUFFER);
        }
        long size = channel.size();
        FileWindows windows = size > 0 && window > 0 ? FileWindows.open(channel) : null;
        if (windows != null) {
            MappedInput mapped = new MappedInput(windows, size, window);
            try {
                mapped.fill(1);
                return mapped;
            } catch (IOException | UnsupportedOperationException e) {
                mapped.close(); // a file system without mappings: read it instead
            }
        }
        return new ChannelInput(channel, size, ChannelInput.DEFAULT_BUFFER);
    }

    public StreamHeader header() {
        return header;
    }

    public ReaderOptions options() {
        return options;
    }

    /** Absolute offset of the next unread octet. */
    public long offset() {
        return in.offset();
    }

    /** Records read so far, skipped ones included. */
    public long records() {
        return nextIndex;
    }

    /** Whether STATIC_DATA_END has been read. */
    public boolean staticDataEnded() {
        return grammar.staticEnded();
    }

    /** Whether END has been read. */
    public boolean ended() {
        return grammar.ended();
    }

    /**
     * Moves to the next record and returns it, or returns {@code null} once END has been read.
     * Unknown optional records are skipped (or returned with {@link StreamRecord#known()} false when
     * {@link ReaderOptions#showSkipped()}); an unknown mandatory record is an error.
     */
    public StreamRecord next() throws IOException {
        try {
            return advance();
        } catch (InternalError e) {
            throw lostPages(e);
        }
    }

    private StreamRecord advance() throws IOException {
        finishRecord();
        while (!grammar.ended()) {
            long at = in.offset();
            RecordFrame.requireHeader(in, nextIndex, null, null);
            ByteBuffer b = in.buffer();
            int type = RecordFrame.type(b);
            int length = b.getInt(b.position() + 4); // signed: checkLength refuses 2^31 and more
            checkLength(type, length, at);
            boolean known = isKnown(type);
            record.set(nextIndex++, at, type, length, known, grammar.staticEnded());
            open = true;
            loaded = false;
            recordSize = (int) RecordFrame.size(length, checksums);
            if (!known) {
                if (RecordType.isOptional(type)) {
                    if (options.showSkipped()) {
                        return record;
                    }
                } else {
                    problem(record.error("unknown mandatory record type " + String.format("0x%08x", type)
                            + ": this reader cannot go on without understanding it", -RecordFrame.HEADER));
                }
                finishRecord();
                continue;
            }
            checkGrammar(type, length);
            return record;
        }
        return null;
    }

    /**
     * After END: checks that nothing follows it, for inputs that end with the stream (files).
     * A session that keeps its connection open after END does not call this.
     */
    public void expectEndOfInput() throws IOException {
        if (!grammar.ended()) {
            throw new IllegalStateException("END has not been read");
        }
        finishRecord();
        long at = in.offset();
        int have = in.fill(RecordFrame.HEADER);
        if (have == 0) {
            return;
        }
        if (have == RecordFrame.HEADER) {
            ByteBuffer b = in.buffer();
            int type = b.getInt(b.position());
            int length = b.getInt(b.position() + 4);
            String after = StreamGrammar.Break.AFTER_END.reading() + ": " + RecordType.name(type);
            throw fatal(after + " with a body of "
                    + Plural.count(Integer.toUnsignedLong(length), "octet"), at, nextIndex, type);
        }
        throw fatal(Plural.count(have, "trailing octet") + " after END", at, nextIndex, StreamFormatException.NO_TYPE);
    }

    /** Closes the input this reader opened; bodies read from a file are no longer valid. */
    @Override
    public void close() throws IOException {
        unmap();
        if (owned != null) {
            owned.close();
        }
    }

    /** Gives a mapped file's window back now: a shared arena is not freed by the garbage collector. */
    private void unmap() {
        if (in instanceof MappedInput mapped) {
            mapped.close();
        }
    }

    // ---- package-private, for StreamRecord---------------------------------------------------------

    StreamLimits limits() {
        return limits;
    }

    String typeName(int type) {
        String app = options.applicationTypes().get(type);
        return app != null ? app : RecordType.name(type);
    }

    ByteBuffer body() throws IOException {
        ByteBuffer b = loadedBuffer();
        return b.slice(bodyAt, record.length()).order(b.order());
    }

    ByteBuffer bodyView() throws IOException {
        ByteBuffer b = loadedBuffer();
        if (view == null || viewOf != b) {
            view = b.asReadOnlyBuffer().order(b.order());
            viewOf = b;
        }
        return view.limit(bodyAt + record.length()).position(bodyAt);
    }

    /** The input's buffer, holding the whole current record (read and checked if it was not yet). */
    private ByteBuffer loadedBuffer() throws IOException {
        if (!open) {
            throw new IllegalStateException("no current record: call next() first");
        }
        if (!loaded) {
            try {
                load();
            } catch (InternalError e) {
                throw lostPages(e);
            }
        }
        return in.buffer();
    }

    /**
     * The JVM's report of a mapped page that is gone: the file shrank while it was read. Any other
     * {@link InternalError} is not ours to translate.
     */
    private IOException lostPages(InternalError e) {
        if (!(in instanceof MappedInput)) {
            throw e;
        }
        return new IOException("the file shrank while it was read, near offset " + in.offset()
                + " (record " + record.index() + ")", e);
    }

    /**
     * A cursor over the first {@code n} octets of the current body (all of it when it is loaded),
     * without reading the rest; its index 0 is the body's first octet.
     */
    ByteCursor peek(int n) throws IOException {
        ByteBuffer first;
        if (loaded) {
            first = body();
        } else {
            int have = in.fill(RecordFrame.HEADER + n);
            if (have < RecordFrame.HEADER + n) {
                throw fatal(truncation(record.length(), have), record.offset() + have, record.index(), record.type());
            }
            ByteBuffer b = in.buffer();
            first = b.slice(b.position() + RecordFrame.HEADER, n).order(b.order());
        }
        return ByteCursor.of(first, record.offset() + RecordFrame.HEADER, record.index(), record.type(), null);
    }

    // ---- header ------------------------------------------------------------------------------

    private StreamHeader readHeader() throws IOException {
        int have = in.fill(Preamble.LENGTH);
        if (have < Preamble.LENGTH) {
            throw StreamFormatException.inHeader(have == 0 ? "empty stream: no preamble"
                    : "truncated preamble: the stream ends after " + have + " of 16 octets", have);
        }
        Preamble preamble = Preamble.readFrom(in.buffer(), in.buffer().position());
        int version = options.window().negotiate(preamble);
        return StreamVersions.codec(version).read(in, preamble, version, limits);
    }

    // ---- records -------------------------------------------------------------------------------

    private void checkLength(int type, int length, long at) throws IOException {
        if (length < 0 || length > limits.maxRecordLength()) {
            throw fatal("record length " + Integer.toUnsignedString(length) + " exceeds the limit of "
                    + limits.maxRecordLength() + " octets", at + 4, nextIndex, type);
        }
        long remaining = in.remaining();
        if (remaining >= 0) {
            long need = RecordFrame.size(length, checksums);
            if (need > remaining) {
                throw fatal(truncation(length, remaining) + " (" + Plural.count(remaining, "octet") + " left)", at
                        + remaining,
                        nextIndex, type);
            }
        }
    }

    /** Names the part of a record that is cut off when only {@code have} of its octets exist. */
    private String truncation(int length, long have) {
        if (have < RecordFrame.HEADER + (long) length) {
            return "truncated record body: length " + length + " but only "
                    + Plural.count(Math.max(0, have - RecordFrame.HEADER), "octet") + " of body";
        }
        if (have < RecordFrame.HEADER + (long) RecordFrame.pad8(length)) {
            return "truncated padding after a body of " + Plural.count(length, "octet");
        }
        return "truncated checksum trailer";
    }

    private boolean isKnown(int type) {
        return RecordType.isCore(type) || java.util.Arrays.binarySearch(applicationTypes, type) >= 0;
    }

    /** Checks the record against the grammar ({@link StreamGrammar}) and moves past it; END is loaded at once. */
    private void checkGrammar(int type, int length) throws IOException {
        if (length != 0 && StreamGrammar.emptyBody(type)) {
            problem(record.error(StreamGrammar.emptyBodyBroken(type) + ", not " + Plural.count(length, "octet"), -4));
        }
        int step = grammar.step(type);
        for (int breaks = StreamGrammar.breaks(step); breaks != 0; breaks &= breaks - 1) {
            problem(record.error(StreamGrammar.Break.first(breaks).reading(), -RecordFrame.HEADER));
        }
        if (type == RecordType.END) {
            load();
        }
        grammar.take(step);
    }

    /** Reads the whole current record into the window and checks its padding and checksum. */
    private void load() throws IOException {
        int have = in.fill(recordSize);
        long at = record.offset();
        if (have < recordSize) {
            throw fatal(truncation(record.length(), have), at + have, record.index(), record.type());
        }
        ByteBuffer b = in.buffer();
        int p = b.position();
        int length = record.length();
        int padEnd = RecordFrame.HEADER + RecordFrame.pad8(length);
        int bad = RecordFrame.firstNonZero(b, p + RecordFrame.HEADER + length, p + padEnd);
        if (bad >= 0) {
            problem(record.error(RecordFrame.nonZeroPadding(b.get(bad)), bad - p - RecordFrame.HEADER));
        }
        if (checksums) {
            checkTrailer(RecordFrame.checksum(crc, b, p, length), b.getInt(p + padEnd), b.getInt(p + padEnd + 4),
                    padEnd);
        }
        bodyAt = p + RecordFrame.HEADER;
        loaded = true;
    }

    /** Moves past the current record, streaming through its body if it was never loaded. */
    private void finishRecord() throws IOException {
        if (!open) {
            return;
        }
        if (!loaded) {
            if (recordSize <= in.chunkSize()) {
                load();
            } else {
                streamPast();
                open = false;
                return;
            }
        }
        in.consume(recordSize);
        open = false;
    }

    /** Checks and consumes a record too large for the window, one chunk at a time. */
    private void streamPast() throws IOException {
        long at = record.offset();
        int length = record.length();
        int padEnd = RecordFrame.HEADER + RecordFrame.pad8(length);
        crc.reset();
        int done = 0;
        while (done < padEnd) {
            int want = Math.min(in.chunkSize(), padEnd - done);
            int have = in.fill(want);
            if (have < want) {
                throw fatal(truncation(length, (long) done + have), at + done + have, record.index(), record.type());
            }
            ByteBuffer b = in.buffer();
            int p = b.position();
            int padFrom = Math.max(done, RecordFrame.HEADER + length);
            int bad = RecordFrame.firstNonZero(b, p + padFrom - done, p + want);
            if (bad >= 0) {
                problem(record.error(RecordFrame.nonZeroPadding(b.get(bad)), bad - p + done - RecordFrame.HEADER));
            }
            if (checksums) {
                crc.update(b.slice(p, want));
            }
            in.consume(want);
            done += want;
        }
        if (checksums) {
            int have = in.fill(RecordFrame.TRAILER);
            if (have < RecordFrame.TRAILER) {
                throw fatal("truncated checksum trailer", at + padEnd + have, record.index(), record.type());
            }
            ByteBuffer b = in.buffer();
            checkTrailer((int) crc.getValue(), b.getInt(b.position()), b.getInt(b.position() + 4), padEnd);
            in.consume(RecordFrame.TRAILER);
        }
    }

    private void checkTrailer(int computed, int stored, int reserved, int padEnd) throws StreamFormatException {
        if (stored != computed) {
            problem(record.error(RecordFrame.checksumMismatch(stored, computed), padEnd - RecordFrame.HEADER));
        }
        if (reserved != 0) {
            problem(record.error("reserved field of the checksum trailer is not zero", padEnd - RecordFrame.HEADER + 4));
        }
    }

    private void problem(StreamFormatException e) throws StreamFormatException {
        options.problems().report(e);
    }

    private static FatalFormatException fatal(String problem, long offset, long index, int type) {
        return new FatalFormatException(problem, offset, index, type, null);
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // the original failure is the one worth reporting
            }
        }
    }
}
