package dev.baton.qemu.analyze;

import dev.baton.qemu.savevm.RamBlock;
import dev.baton.qemu.savevm.RamSink;
import dev.baton.qemu.savevm.XbzrleDecoder;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes each RAM block to its own file as the stream goes by, like {@code analyze-migration.py -x}:
 * the file is named after the block id (under the extract directory, a leading {@code /} dropped)
 * and is as long as the block. Zero pages are holes (the file is sparse); the final content is
 * what a destination would hold, even when a page is sent more than once (a later zero page
 * clears an earlier data page; analyze-migration.py leaves the stale data there).
 *
 * <p>Consecutive pages are gathered into runs of up to 1 MiB, written on a second thread
 * ({@link AsyncWriter}) while the stream is read on.
 */
public final class RamExtractor implements RamSink, Closeable {
    private static final int RUN = 1 << 20;

    private final Path dir;
    private final Consumer<Path> created;
    private final List<FileChannel> files = new ArrayList<>();
    private final List<Path> paths = new ArrayList<>();
    /** Per block, one bit per page: holds data that is not all zero. */
    private final List<PageBits> dirty = new ArrayList<>();
    private final AsyncWriter writer = new AsyncWriter(RUN);
    private ByteBuffer run;
    private int pageSize;
    private int runBlock = -1;
    private long runStart;

    /**
     * @param dir     where the block files go (it must exist)
     * @param created told each block file's path as it is created
     */
    public RamExtractor(Path dir, Consumer<Path> created) {
        this.dir = dir.toAbsolutePath().normalize();
        this.created = created;
    }

    /** The file a block goes to, refusing ids that would leave the directory or are no file name. */
    public static Path fileFor(Path dir, String blockId) throws Refused {
        Path p = dir;
        int parts = 0;
        for (String segment : blockId.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new Refused("RAM block id '" + blockId + "' has a '" + segment + "' path segment; "
                        + "it is not extracted outside " + dir);
            }
            try {
                p = p.resolve(segment);
            } catch (InvalidPathException e) {
                throw new Refused("RAM block id '" + blockId + "' is not a file name: " + e.getReason());
            }
            parts++;
        }
        if (parts == 0) {
            throw new Refused("RAM block id '" + blockId + "' names no file");
        }
        return p;
    }

    /** Paths of the block files, in block order. */
    public List<Path> paths() {
        return List.copyOf(paths);
    }

    @Override
    public boolean wantsPages() {
        return true;
    }

    @Override
    public void block(RamBlock b) throws IOException {
        pageSize = b.pageSize();
        Path p = fileFor(dir, b.name());
        try {
            Files.createDirectories(p.getParent());
            try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
                raf.setLength(0);
                raf.setLength(b.length()); // a hole: zero pages are never written
            }
        } catch (IOException e) {
            throw new Refused("RAM block '" + b.name() + "' cannot be extracted to " + p + ": " + e.getMessage());
        }
        files.add(FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.READ));
        paths.add(p);
        dirty.add(new PageBits());
        created.accept(p);
    }

    @Override
    public void page(RamBlock b, long offset, ByteBuffer data) throws IOException {
        if (run != null && run.position() > 0 && (runBlock != b.index()
                || runStart + run.position() != offset || run.remaining() < pageSize)) {
            submit();
        }
        if (run == null) {
            run = writer.take();
        }
        if (run.position() == 0) {
            runBlock = b.index();
            runStart = offset;
        }
        run.put(data);
        mark(b, offset, true);
    }

    @Override
    public void fill(RamBlock b, long offset, int value) throws IOException {
        if (value == 0 && !isDirty(b, offset)) {
            return; // already a hole, or zero
        }
        flush();
        byte[] same = new byte[pageSize];
        Arrays.fill(same, (byte) value);
        writeFully(files.get(b.index()), ByteBuffer.wrap(same), offset);
        mark(b, offset, value != 0);
    }

    @Override
    public void delta(RamBlock b, long offset, ByteBuffer delta) throws IOException {
        flush();
        byte[] current = new byte[pageSize];
        ByteBuffer cur = ByteBuffer.wrap(current);
        FileChannel f = files.get(b.index());
        while (cur.hasRemaining() && f.read(cur, offset + cur.position()) >= 0) {
            // a hole reads as zeros; the file is as long as the block
        }
        XbzrleDecoder.apply(delta, current, pageSize);
        writeFully(f, ByteBuffer.wrap(current), offset);
        mark(b, offset, true);
    }

    /** Hands the gathered run of pages to the writer. */
    private void submit() throws IOException {
        if (run != null && run.position() > 0) {
            writer.submit(files.get(runBlock), run.flip(), runStart);
            run = null;
        }
    }

    /** Writes out everything gathered so far and waits until it is written. */
    public void flush() throws IOException {
        submit();
        writer.drain();
    }

    @Override
    public void close() throws IOException {
        IOException failed = null;
        try {
            submit();
            writer.close();
        } catch (IOException e) {
            failed = e;
        }
        for (FileChannel f : files) {
            try {
                f.close();
            } catch (IOException e) {
                failed = failed == null ? e : failed;
            }
        }
        files.clear();
        if (failed != null) {
            throw failed;
        }
    }

    private static void writeFully(FileChannel f, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            pos += f.write(b, pos);
        }
    }

    private boolean isDirty(RamBlock b, long offset) {
        return dirty.get(b.index()).get(offset / pageSize);
    }

    private void mark(RamBlock b, long offset, boolean on) {
        dirty.get(b.index()).set(offset / pageSize, on);
    }
}
