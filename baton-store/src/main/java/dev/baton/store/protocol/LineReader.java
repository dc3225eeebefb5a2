package dev.baton.store.protocol;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads {@code \n}-terminated lines of octets from a stream, with a bound: a line longer than the
 * limit is read to its end and reported as too long, so that the next line is read correctly. A
 * {@code \r} before the {@code \n} is dropped. An unterminated last line is not a line.
 */
public final class LineReader {
    private final InputStream in;
    private final int limit;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int filled;
    private byte[] line = new byte[256];
    private int length;
    private boolean tooLong;

    public LineReader(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** Reads the next line; false at the end of the stream. */
    public boolean next() throws IOException {
        length = 0;
        tooLong = false;
        while (true) {
            if (position == filled) {
                filled = in.read(buffer);
                position = 0;
                if (filled <= 0) {
                    filled = 0;
                    return false;
                }
            }
            while (position < filled) {
                byte b = buffer[position++];
                if (b == '\n') {
                    if (!tooLong && length > 0 && line[length - 1] == '\r') {
                        length--;
                    }
                    return true;
                }
                if (tooLong) {
                    continue;
                }
                if (length == limit) {
                    tooLong = true;
                    continue;
                }
                if (length == line.length) {
                    line = java.util.Arrays.copyOf(line, Math.min(limit, line.length * 2));
                }
                line[length++] = b;
            }
        }
    }

    /** The line's octets, valid up to {@link #length()} until the next call. */
    public byte[] line() {
        return line;
    }

    public int length() {
        return tooLong ? 0 : length;
    }

    /** Whether the line exceeded the limit (its octets are dropped). */
    public boolean tooLong() {
        return tooLong;
    }
}
