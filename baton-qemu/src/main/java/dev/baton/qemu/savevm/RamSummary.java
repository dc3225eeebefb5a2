package dev.baton.qemu.savevm;

import java.util.List;

/**
 * What the "ram" section held: its block list and how many records of each kind.
 *
 * @param blocks          the block list, in stream order
 * @param records         RAM records of every kind, EOS included
 * @param pages           plain pages
 * @param fillPages       pages sent as one repeated octet (zero pages)
 * @param compressedPages zlib-compressed pages
 * @param xbzrlePages     XBZRLE deltas
 */
public record RamSummary(List<RamBlock> blocks, long records, long pages, long fillPages, long compressedPages,
        long xbzrlePages) {

    /** Total octets of the listed blocks. */
    public long totalLength() {
        return blocks.stream().mapToLong(RamBlock::length).sum();
    }
}
