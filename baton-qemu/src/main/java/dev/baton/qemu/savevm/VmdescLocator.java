package dev.baton.qemu.savevm;

import dev.baton.qemu.vmdesc.Json;
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
    public record Located(long offset, int length, long trailing, Json tree) {
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
            Json tree = VmdescParser.tryTree(window, p + 5, (int) len);
            if (tree instanceof Json.JObject) {
                return new Located(base + p, (int) len, window.length - (p + 5 + len), tree);
            }
        }
        return null;
    }

    /**
     * The {@code page_size} the last vmdesc candidate of a file starts with, read without parsing
     * the JSON (QEMU writes it first), or -1. The RAM section needs the page size long before the
     * JSON has been parsed and checked; the reader checks the two agree at the end.
     */
    public static int pageSizeHint(FileChannel file, int max) throws IOException {
        long size = file.size();
        for (long want = 64 << 10; ; want *= 8) {
            byte[] window = tail(file, size, Math.min(want, max));
            for (int p = window.length - 6; p >= 0; p--) {
                if (window[p] != 0x06 || window[p + 5] != '{') {
                    continue;
                }
                long len = ByteBuffer.wrap(window, p + 1, 4).getInt() & 0xFFFF_FFFFL;
                if (p + 5 + len > window.length) {
                    continue;
                }
                String head = new String(window, p + 5, (int) Math.min(len, 64),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                java.util.regex.Matcher m = PAGE_SIZE.matcher(head);
                return m.lookingAt() && m.group(1).length() < 10 ? Integer.parseInt(m.group(1)) : -1;
            }
            if (window.length == size || window.length >= max) {
                return -1;
            }
        }
    }

    private static final java.util.regex.Pattern PAGE_SIZE =
            java.util.regex.Pattern.compile("\\{\\s*\"page_size\"\\s*:\\s*(\\d+)\\s*[,}]");

    /** The last window of a file that may hold its vmdesc: 64 KiB, grown eightfold up to {@code max}. */
    static byte[] tail(FileChannel file, long size, long want) throws IOException {
        int n = (int) Math.min(want, size);
        byte[] window = new byte[n];
        ByteBuffer b = ByteBuffer.wrap(window);
        while (b.hasRemaining()) {
            if (file.read(b, size - n + b.position()) < 0) {
                throw new IOException("file shrank while being read");
            }
        }
        return window;
    }

    /**
     * Looks for the vmdesc at the end of a file, reading windows of growing size (64 KiB up to
     * {@code max}) from its end.
     */
    public static Located find(FileChannel file, int max) throws IOException {
        long size = file.size();
        for (long want = 64 << 10; ; want *= 8) {
            byte[] window = tail(file, size, Math.min(want, max));
            int n = window.length;
            Located found = find(window, size - n);
            if (found != null || n == size || n == max) {
                return found;
            }
        }
    }
}
