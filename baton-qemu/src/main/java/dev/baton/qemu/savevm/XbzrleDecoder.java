package dev.baton.qemu.savevm;

import java.nio.ByteBuffer;

/**
 * QEMU's XBZRLE page delta (migration/xbzrle.c): a series of (unchanged run, changed run) pairs,
 * each run length an unsigned LEB128 of at most two octets (14 bits), the changed run followed by
 * its new octets. The first unchanged run may be 0; every later one and every changed run must not.
 */
public final class XbzrleDecoder {
    private XbzrleDecoder() {
    }

    /**
     * Applies {@code delta} to {@code page} in place, or only checks it when {@code page} is null.
     *
     * @param pageSize the page size, the bound of every run
     * @return null when the delta is well formed, else what is wrong with it
     */
    public static String apply(ByteBuffer delta, byte[] page, int pageSize) {
        int i = delta.position();
        int end = delta.limit();
        int d = 0;
        boolean first = true;
        while (i < end) {
            if (end - i < 2) {
                return "delta ends inside a run header";
            }
            int zrun = uleb(delta, i);
            if (zrun < 0) {
                return "run length longer than two octets";
            }
            i += zrun >>> 16;
            zrun &= 0xFFFF;
            if (!first && zrun == 0) {
                return "empty unchanged run";
            }
            first = false;
            d += zrun;
            if (d > pageSize) {
                return "unchanged run beyond the page";
            }
            if (end - i < 2) {
                return "delta ends inside a run header";
            }
            int nzrun = uleb(delta, i);
            if (nzrun < 0) {
                return "run length longer than two octets";
            }
            i += nzrun >>> 16;
            nzrun &= 0xFFFF;
            if (nzrun == 0) {
                return "empty changed run";
            }
            if (d + nzrun > pageSize || i + nzrun > end) {
                return "changed run beyond the page or the delta";
            }
            if (page != null) {
                delta.get(i, page, d, nzrun);
            }
            d += nzrun;
            i += nzrun;
        }
        return null;
    }

    /** A small ULEB128 at {@code i}: its octet count in bits 16+, its value below; -1 when too long. */
    private static int uleb(ByteBuffer b, int i) {
        int first = b.get(i) & 0xFF;
        if ((first & 0x80) == 0) {
            return 1 << 16 | first;
        }
        int second = b.get(i + 1) & 0xFF;
        if ((second & 0x80) != 0) {
            return -1;
        }
        return 2 << 16 | (first & 0x7F) | second << 7;
    }
}
