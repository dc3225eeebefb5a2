package dev.baton.qemu.savevm;

import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the payload of the "ram" section (migration/ram.c, {@code ram_load_precopy}), version 4,
 * across its START, PART and END records. Each record begins with a be64 whose low bits (below
 * the target page size) are flags and whose high bits are an address:
 *
 * <pre>
 *   MEM_SIZE  0x004  address = total RAM; then per block: u8 len, id, be64 length
 *                    [be64 page size: postcopy with huge pages] [be64 GPA: x-ignore-shared]
 *   ZERO      0x002  [u8 len, block id unless CONTINUE 0x020]  u8 fill octet
 *   PAGE      0x008  [block id unless CONTINUE]  one target page
 *   COMPRESS  0x100  [block id unless CONTINUE]  be32 len, zlib data (QEMU up to 9.0)
 *   XBZRLE    0x040  [block id unless CONTINUE]  u8 1, be16 len, delta
 *   MULTIFD_FLUSH 0x200, HOOK 0x080 (RDMA): nothing more
 *   EOS       0x010  end of this record's payload
 * </pre>
 *
 * Page octets go to a {@link RamSink} as they arrive; the reader keeps only the block list and
 * counters.
 */
final class RamSectionReader {
    static final int ZERO = 0x002;
    static final int MEM_SIZE = 0x004;
    static final int PAGE = 0x008;
    static final int EOS = 0x010;
    static final int CONTINUE = 0x020;
    static final int XBZRLE = 0x040;
    static final int HOOK = 0x080;
    static final int COMPRESS_PAGE = 0x100;
    static final int MULTIFD_FLUSH = 0x200;

    /** The only XBZRLE encoding QEMU has. */
    private static final int ENCODING_FLAG_XBZRLE = 1;

    private final int pageSize;
    private final boolean ignoreShared;
    private final RamSink sink;
    private final boolean decodePages;
    private final Problems problems;
    private final Map<String, RamBlock> blocks = new LinkedHashMap<>();
    private final ByteBuffer inflated;
    private Inflater inflater;
    private RamBlock last;
    private long records;
    private long pages;
    private long fillPages;
    private long compressedPages;
    private long xbzrlePages;

    /**
     * @param pageSize     the target page size: the flag mask and the size of every page
     * @param ignoreShared x-ignore-shared is on: each listed block carries its GPA
     * @param sink         receives pages
     * @param checkPages   inflate compressed pages and check XBZRLE deltas even when the sink
     *                     does not want pages (verify)
     */
    RamSectionReader(int pageSize, boolean ignoreShared, RamSink sink, boolean checkPages,
            Problems problems) {
        this.pageSize = pageSize;
        this.ignoreShared = ignoreShared;
        this.sink = sink;
        this.decodePages = checkPages || sink.wantsPages();
        this.problems = problems;
        this.inflated = ByteBuffer.allocate(pageSize + 1); // one more, to see a page that inflates too long
    }

    /** What was read so far. */
    RamSummary summary() {
        return new RamSummary(List.copyOf(blocks.values()), records, pages, fillPages, compressedPages, xbzrlePages);
    }

    /** Reads records up to and including EOS. */
    void read(SavevmInput in, LongConsumer progress) throws IOException {
        long mask = pageSize - 1;
        while (true) {
            long at = in.offset();
            long word = in.be64("RAM record header");
            int flags = (int) (word & mask);
            long addr = word & ~mask;
            records++;
            switch (flags & ~CONTINUE) {
                case MEM_SIZE -> {
                    noContinue(in, at, flags);
                    blockList(in, at, addr);
                }
                case ZERO -> {
                    RamBlock b = block(in, at, flags);
                    int fill = in.u8("zero page fill octet");
                    fillPages++;
                    if (inBlock(in, at, b, addr)) {
                        sink.fill(b, addr, fill);
                    }
                }
                case PAGE -> {
                    RamBlock b = block(in, at, flags);
                    pages++;
                    boolean inside = inBlock(in, at, b, addr);
                    if (decodePages && inside) {
                        sink.page(b, addr, in.view(pageSize, "RAM page"));
                    } else {
                        in.skip(pageSize, "RAM page");
                    }
                }
                case COMPRESS_PAGE -> compressed(in, at, block(in, at, flags), addr);
                case XBZRLE -> xbzrle(in, at, block(in, at, flags), addr);
                case EOS -> {
                    noContinue(in, at, flags);
                    return;
                }
                case MULTIFD_FLUSH, HOOK -> noContinue(in, at, flags);
                default -> throw in.errorAt(at, String.format("RAM record with unknown flag combination 0x%03x "
                        + "(address 0x%x)", flags, addr));
            }
            progress.accept(in.offset());
        }
    }

    private void noContinue(SavevmInput in, long at, int flags) throws StreamFormatException {
        if ((flags & CONTINUE) != 0) {
            throw in.errorAt(at, String.format("RAM flags 0x%03x: CONTINUE only goes with a page", flags));
        }
    }

    /** The block list: MEM_SIZE's address is the total of the lengths that follow. */
    private void blockList(SavevmInput in, long at, long total) throws IOException {
        if (!blocks.isEmpty()) {
            problems.report(in.errorAt(at, "a second RAM block list"));
        }
        long left = total;
        while (left != 0) {
            long blockAt = in.offset();
            String name = in.counted("RAM block id");
            long length = in.be64("RAM block length");
            long address = ignoreShared ? in.be64("RAM block address (x-ignore-shared)") : -1;
            if (name.isEmpty()) {
                throw in.errorAt(blockAt, "RAM block with an empty id");
            }
            if (Long.compareUnsigned(length, left) > 0) {
                throw in.errorAt(blockAt, String.format("RAM block '%s' of 0x%x octets overruns the 0x%x "
                        + "octets MEM_SIZE announced", name, length, total));
            }
            if (length == 0 || length % pageSize != 0) {
                throw in.errorAt(blockAt, String.format("RAM block '%s' length 0x%x is not a non-zero multiple "
                        + "of the page size %d", name, length, pageSize));
            }
            RamBlock b = new RamBlock(blocks.size(), name, length, address, pageSize);
            if (blocks.putIfAbsent(name, b) != null) {
                throw in.errorAt(blockAt, "RAM block '" + name + "' listed twice");
            }
            left -= length;
            try {
                sink.block(b);
            } catch (RamSink.Refused e) {
                throw in.errorAt(blockAt, e.getMessage());
            }
        }
    }

    /** The block a page record refers to: named, or the previous one with CONTINUE. */
    private RamBlock block(SavevmInput in, long at, int flags) throws IOException {
        if ((flags & CONTINUE) != 0) {
            if (last == null) {
                throw in.errorAt(at, "RAM page with CONTINUE before any named block");
            }
            return last;
        }
        String name = in.counted("RAM block id");
        RamBlock b = blocks.get(name);
        if (b == null) {
            throw in.errorAt(at, "RAM page for block '" + name + "', which the block list does not have");
        }
        last = b;
        return b;
    }

    /** Checks a page lies inside its block; reports it (framing is intact) and says whether it does. */
    private boolean inBlock(SavevmInput in, long at, RamBlock b, long addr) throws StreamFormatException {
        if (Long.compareUnsigned(addr, b.length() - pageSize) > 0) {
            problems.report(in.errorAt(at, String.format("RAM page at 0x%x is beyond block '%s' (0x%x octets)",
                    addr, b.name(), b.length())));
            return false;
        }
        return true;
    }

    private void compressed(SavevmInput in, long at, RamBlock b, long addr) throws IOException {
        long len = in.be32("compressed page length");
        long bound = pageSize + (pageSize >> 12) + (pageSize >> 14) + (pageSize >> 25) + 13; // compressBound
        if (len > bound) {
            throw in.errorAt(at, "compressed page of " + Plural.count(len, "octet") + "; at most " + bound
                    + " can hold one page");
        }
        compressedPages++;
        boolean inside = inBlock(in, at, b, addr);
        if (!decodePages || !inside) {
            in.skip(len, "compressed page");
            return;
        }
        ByteBuffer data = in.view((int) len, "compressed page");
        if (inflater == null) {
            inflater = new Inflater();
        }
        inflater.reset();
        inflater.setInput(data);
        inflated.clear();
        try {
            // a few rounds at most: the output has room for one page and one octet more
            for (int round = 0; round < 4 && !inflater.finished() && !inflater.needsInput()
                    && !inflater.needsDictionary() && inflated.hasRemaining(); round++) {
                inflater.inflate(inflated);
            }
        } catch (DataFormatException e) {
            problems.report(in.errorAt(at, "compressed page does not inflate: " + e.getMessage()));
            return;
        }
        if (inflated.position() != pageSize) {
            problems.report(in.errorAt(at, "compressed page inflates to " + (inflated.hasRemaining()
                    ? inflated.position() + " octets" : "more") + " instead of one page of " + pageSize));
            return;
        }
        if (!inflater.finished()) {
            problems.report(in.errorAt(at, "compressed page does not end where its length says"));
            return;
        }
        inflated.flip();
        sink.page(b, addr, inflated);
    }

    private void xbzrle(SavevmInput in, long at, RamBlock b, long addr) throws IOException {
        int encoding = in.u8("XBZRLE encoding");
        int len = in.be16("XBZRLE length");
        if (encoding != ENCODING_FLAG_XBZRLE) {
            throw in.errorAt(at, "XBZRLE page with encoding flag " + encoding + " instead of 1");
        }
        if (len > pageSize) {
            throw in.errorAt(at, "XBZRLE delta of " + Plural.count(len, "octet") + " is longer than a page");
        }
        xbzrlePages++;
        boolean inside = inBlock(in, at, b, addr);
        if (!decodePages || !inside) {
            in.skip(len, "XBZRLE delta");
            return;
        }
        ByteBuffer delta = in.view(len, "XBZRLE delta");
        String bad = XbzrleDecoder.apply(delta, null, pageSize);
        if (bad != null) {
            problems.report(in.errorAt(at, "XBZRLE delta: " + bad));
            return;
        }
        sink.delta(b, addr, delta);
    }
}
