package dev.baton.qemu.analyze;

import dev.baton.core.wire.Plural;
import dev.baton.qemu.savevm.RamBlock;
import dev.baton.qemu.savevm.RamSink;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The RAM section's {@code "memory"} object of {@code analyze-migration.py -m}: one entry per page,
 * {@code "block (0x%016x)"}, in the order pages first appeared, holding the page's last content
 * as hex octets, or {@code "Filled with 0x00"} for a zero page.
 *
 * <p>Page octets are not held in memory: they go to a scratch extract (sparse files in a temporary
 * directory) and are read back when the JSON is written. Only a small index is kept: the order of
 * first appearance and, per page, whether its last record was a fill and with which octet.
 * (analyze-migration.py prints a fill page as {@code "Filled with 0x00"} whatever its octet, and
 * fails on data pages under Python 3; this prints the octet it was filled with.)
 */
public final class RamMemory implements RamSink, Closeable {
    private static final short UNSEEN = -1;
    private static final short DATA = 256;
    private static final HexFormat HEX = HexFormat.of();
    /** Most pages of a block it dumps: 64 GiB of 4 KiB pages would print some 200 GB of JSON. */
    private static final long MAX_PAGES = 1 << 24;

    private final Path scratch;
    private final RamExtractor extract;
    private int pageSize;
    private final List<RamBlock> blocks = new ArrayList<>();
    private final List<short[]> last = new ArrayList<>();
    private long[] order = new long[1024];
    private int count;

    public RamMemory() throws IOException {
        this.scratch = Files.createTempDirectory("baton-ram-");
        this.extract = new RamExtractor(scratch, p -> {
        });
    }

    @Override
    public boolean wantsPages() {
        return true;
    }

    @Override
    public void block(RamBlock b) throws IOException {
        if (b.pages() > MAX_PAGES) {
            throw new Refused("RAM block '" + b.name() + "' has " + Plural.count(b.pages(), "page")
                    + "; the memory dump takes at most "
                    + MAX_PAGES);
        }
        pageSize = b.pageSize();
        extract.block(b);
        blocks.add(b);
        short[] kinds = new short[Math.toIntExact(b.pages())];
        Arrays.fill(kinds, UNSEEN);
        last.add(kinds);
    }

    @Override
    public void fill(RamBlock b, long offset, int value) throws IOException {
        extract.fill(b, offset, value);
        seen(b, offset, (short) value);
    }

    @Override
    public void page(RamBlock b, long offset, ByteBuffer data) throws IOException {
        extract.page(b, offset, data);
        seen(b, offset, DATA);
    }

    @Override
    public void delta(RamBlock b, long offset, ByteBuffer delta) throws IOException {
        extract.delta(b, offset, delta);
        seen(b, offset, DATA);
    }

    private void seen(RamBlock b, long offset, short kind) {
        int pageIndex = (int) (offset / pageSize);
        short[] kinds = last.get(b.index());
        if (kinds[pageIndex] == UNSEEN) {
            if (count == order.length) {
                order = Arrays.copyOf(order, count * 2);
            }
            order[count++] = (long) b.index() << 32 | pageIndex;
        }
        kinds[pageIndex] = kind;
    }

    /** Writes the {@code "memory"} object. */
    void write(PythonJsonWriter w) throws IOException {
        extract.flush();
        List<FileChannel> files = new ArrayList<>();
        try {
            for (Path p : extract.paths()) {
                files.add(FileChannel.open(p, StandardOpenOption.READ));
            }
            ByteBuffer buf = ByteBuffer.allocate(Math.max(pageSize, 1));
            w.beginObject();
            for (int i = 0; i < count; i++) {
                int blockIndex = (int) (order[i] >>> 32);
                int pageIndex = (int) order[i];
                RamBlock b = blocks.get(blockIndex);
                long addr = (long) pageIndex * pageSize;
                w.key(String.format("%s (0x%016x)", b.name(), addr));
                short kind = last.get(blockIndex)[pageIndex];
                if (kind != DATA) {
                    w.value(String.format("Filled with 0x%02x", kind));
                    continue;
                }
                buf.clear();
                while (buf.hasRemaining() && files.get(blockIndex).read(buf, addr + buf.position()) >= 0) {
                    // read the whole page
                }
                Writer out = w.beginString();
                byte[] a = buf.array();
                for (int j = 0; j < pageSize; j++) {
                    if (j > 0) {
                        out.write(' ');
                    }
                    out.write(HEX.toHexDigits(a[j]));
                }
                w.endString();
            }
            w.endObject();
        } finally {
            for (FileChannel f : files) {
                f.close();
            }
        }
    }

    @Override
    public void close() throws IOException {
        extract.close();
        try (Stream<Path> all = Files.walk(scratch)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
