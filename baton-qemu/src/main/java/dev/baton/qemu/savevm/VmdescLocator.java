package dev.baton.qemu.savevm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.qemu.vmdesc.VmdescParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Finds the VMDESCRIPTION at the end of a stream without reading what comes before it: 0x06, a
 * be32 length, then that many octets of JSON. JSON has no raw control octets, so the record's
 * 0x06 is the last one before the JSON's opening brace; scanning back from the end, the first
 * 0x06 followed by a length that fits and by JSON that parses is the record. Octets after the
 * JSON are trailing garbage, which verify reports.
 *
 * <p>analyze-migration.py guesses instead: it takes the last NUL octet in the final 10 MB and the
 * first brace after it, which fails when the JSON is longer or garbage follows it.
 */
public final class VmdescLocator {

    /** A vmdesc found in a window of the stream. */
    public record Located(long offset, int length, long trailing, JsonNode tree) {
    }

    private VmdescLocator() {
    }

    /**
     * Looks for the vmdesc in {@code window}, whose first octet is at stream offset {@code base}
     * and whose last octet is the stream's last.
     *
     * @return what was found, or {@code null}
     */
    public static Located find(byte[] window, long base) {
        for (int p = window.length - 6; p >= 0; p--) {
            if (window[p] != 0x06 || window[p + 5] != '{') {
                continue;
            }
            long len = ByteBuffer.wrap(window, p + 1, 4).getInt() & 0xFFFF_FFFFL;
            if (p + 5 + len > window.length) {
                continue;
            }
            JsonNode tree = VmdescParser.tryTree(window, p + 5, (int) len);
            if (tree != null && tree.isObject()) {
                return new Located(base + p, (int) len, window.length - (p + 5 + len), tree);
            }
        }
        return null;
    }

    /**
     * Looks for the vmdesc at the end of a file, reading windows of growing size (64 KiB up to
     * {@code max}) from its end.
     */
    public static Located find(FileChannel file, int max) throws IOException {
        long size = file.size();
        for (long want = 64 << 10; ; want *= 8) {
            int n = (int) Math.min(Math.min(want, max), size);
            byte[] window = new byte[n];
            ByteBuffer b = ByteBuffer.wrap(window);
            while (b.hasRemaining()) {
                if (file.read(b, size - n + b.position()) < 0) {
                    throw new IOException("file shrank while being read");
                }
            }
            Located found = find(window, size - n);
            if (found != null || n == size || n == max) {
                return found;
            }
        }
    }
}
