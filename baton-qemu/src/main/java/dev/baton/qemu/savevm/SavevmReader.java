package dev.baton.qemu.savevm;

import dev.baton.core.wire.ByteCursor;
import dev.baton.core.wire.InputFiles;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.Utf8;
import dev.baton.core.wire.WireInput;
import dev.baton.qemu.vmdesc.DeviceDesc;
import dev.baton.qemu.vmdesc.FieldDecoder;
import dev.baton.qemu.vmdesc.StateValue.StructValue;
import dev.baton.qemu.vmdesc.Vmdesc;
import dev.baton.qemu.vmdesc.VmdescParser;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongConsumer;

/**
 * Reads a QEMU savevm stream, version 3, from start to end in one pass: the header, the
 * CONFIGURATION record, START/PART/END/FULL sections with their footers, COMMAND records, EOF and
 * the VMDESCRIPTION (migration/savevm.c, {@code qemu_loadvm_state}).
 *
 * <p>The "ram" section is read as it streams by and its pages go to the {@link RamSink}; nothing
 * of them is held. Device sections (FULL) have no types on the wire and are decoded through the
 * vmdesc, which QEMU writes last. From a file, the vmdesc is found at the end first
 * ({@link VmdescLocator}); from a pipe, everything from the first device section on is held (up to
 * {@link SavevmOptions#maxTail()}) until the vmdesc has arrived, then decoded.
 *
 * <p>Everything is checked: framing, footers, section ids, RAM addresses, subsection names and
 * versions and struct sizes against the vmdesc, octets after the end. A problem that leaves the
 * framing intact goes to {@link SavevmOptions#problems()}, which collects it while reading goes on
 * or throws it; a problem that loses the framing is always thrown. Either way a
 * {@link StreamFormatException} names the offset and the section.
 */
public final class SavevmReader {
    /** The target page size when neither the configuration nor a vmdesc says: x86's, and most targets'. */
    public static final int DEFAULT_PAGE_SIZE = 4096;

    private SavevmInput in;
    private final SavevmOptions options;
    private final Problems problems;
    private final LongConsumer progress;
    private VmdescLocator.Located located;
    /** A file's vmdesc being looked for on another thread while the RAM section streams by. */
    private CompletableFuture<VmdescLocator.Located> pending;
    /** The page size a file's vmdesc starts with, read before the JSON is parsed; or -1. */
    private int pageSizeHint = -1;
    private Vmdesc vmdesc;
    private long records;
    private Configuration configuration;
    private Boolean footers;
    private int pageSize;
    private long pageSummary = -1;
    private RamSectionReader ram;
    private final Map<Long, SectionHeader> open = new HashMap<>();
    private final Map<Long, SectionHeader> started = new LinkedHashMap<>();
    private final Map<Long, StructValue> states = new HashMap<>();
    private final Map<Long, DeviceDesc> described = new HashMap<>();
    private final Map<Long, Boolean> ended = new HashMap<>();
    private final List<Command> commands = new ArrayList<>();
    private int valuesLeft;

    private SavevmReader(SavevmInput in, VmdescLocator.Located located, SavevmOptions options) {
        this.in = in;
        this.located = located;
        this.options = options;
        this.problems = options.problems();
        this.progress = options.progress() != null ? options.progress() : at -> {
        };
        this.valuesLeft = options.maxValues();
    }

    /**
     * Reads a stream file. Its vmdesc is looked for at its end on another thread while the stream
     * is read from the start, so device sections find it ready.
     */
    public static SavevmStream read(Path file, SavevmOptions options) throws IOException {
        try (FileChannel ch = InputFiles.open(file)) {
            SavevmReader r = new SavevmReader(new SavevmInput(WireInput.of(ch, ch.size()), 0), null, options);
            r.pageSizeHint = VmdescLocator.pageSizeHint(ch, options.maxTail());
            CompletableFuture<VmdescLocator.Located> search = CompletableFuture.supplyAsync(() -> {
                try {
                    return VmdescLocator.find(ch, options.maxTail()); // positional reads: the channel is shared
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            r.pending = search;
            try {
                return r.read();
            } finally {
                search.handle((found, failure) -> null).join(); // done before the channel closes
            }
        }
    }

    /** Reads a stream from a pipe or any channel of unknown size, from its start. */
    public static SavevmStream read(ReadableByteChannel channel, SavevmOptions options) throws IOException {
        return new SavevmReader(new SavevmInput(WireInput.of(channel), 0), null, options).read();
    }

    /** Reads a stream held in memory. */
    public static SavevmStream read(ByteBuffer stream, SavevmOptions options) throws IOException {
        return new SavevmReader(new SavevmInput(WireInput.of(stream), 0), null, options).read();
    }

    /** Reads standard input, without the small copies {@link System#in} would make. */
    public static SavevmStream readStdin(SavevmOptions options) throws IOException {
        @SuppressWarnings("resource") // closing it would close fd 0 for the whole process
        FileChannel stdin = new FileInputStream(FileDescriptor.in).getChannel();
        return read(stdin, options);
    }

    /** Reads a stream from an input stream (tests, compressed fixtures). */
    public static SavevmStream read(InputStream stream, SavevmOptions options) throws IOException {
        return read(Channels.newChannel(stream), options);
    }

    private SavevmStream read() throws IOException {
        header();
        long eof = sections();
        long trailing = afterEof();
        checkAgainstVmdesc();
        return new SavevmStream(configuration, footers == null || footers, pageSize, collect(), List.copyOf(commands),
                eof, vmdesc, trailing, in.offset(), records);
    }

    private void header() throws IOException {
        in.record(StreamFormatException.IN_HEADER);
        long magic = in.be32("magic");
        if (magic != SectionType.MAGIC) {
            throw in.errorAt(0, String.format("not a QEMU savevm stream: magic 0x%08x, expected 0x%08x (\"QEVM\")",
                    magic, SectionType.MAGIC));
        }
        long version = in.be32("version");
        if (version != SectionType.VERSION) {
            throw in.errorAt(4, "savevm version " + version + (version == 2
                    ? " is obsolete (QEMU itself refuses it)" : " is unknown; QEMU writes version 3"));
        }
    }

    /** Reads records up to and including EOF; returns the EOF's offset. */
    private long sections() throws IOException {
        while (true) {
            in.record(records);
            in.context(null);
            long at = in.offset();
            int code = in.peek();
            if (code < 0) {
                throw in.error("truncated: the stream ends before its EOF record");
            }
            SectionType type = SectionType.of(code);
            if (type == null) {
                throw in.error(String.format("unknown record type 0x%02x", code));
            }
            switch (type) {
                case CONFIGURATION -> {
                    if (records != 0) {
                        throw in.error("CONFIGURATION record after the first record");
                    }
                    in.u8("type");
                    in.context("configuration");
                    configuration = Configuration.read(in, at);
                }
                case START, FULL -> {
                    SectionHeader h = peekHeader(type, at);
                    if (needsVmdesc(h)) {
                        awaitVmdesc();
                    }
                    if (needsVmdesc(h) && vmdesc == null) {
                        defer(h);
                        continue; // the same record again, now from the held tail
                    }
                    skipHeader(h);
                    section(h);
                }
                case PART, END -> {
                    in.u8("type");
                    long id = in.be32("section id");
                    SectionHeader first = open.get(id);
                    if (first == null) {
                        throw in.errorAt(at, type + " record for section id " + id + (started.containsKey(id)
                                ? ", which has already ended" : ", which no START opened"));
                    }
                    section(new SectionHeader(type, at, id, first.idstr(), first.instanceId(), first.versionId()));
                }
                case COMMAND -> command(at);
                case EOF -> {
                    in.u8("type");
                    records++;
                    return at;
                }
                case VMDESCRIPTION -> throw in.error("VMDESCRIPTION before EOF");
                case SUBSECTION, FOOTER -> throw in.error(String.format("octet 0x%02x (%s) where a record should start: "
                        + "the previous section's payload is longer than it was read", code, type));
            }
            records++;
            progress.accept(in.offset());
        }
    }

    /** A START or FULL header, read without consuming it so that the record can be held whole. */
    private SectionHeader peekHeader(SectionType type, long at) throws IOException {
        in.need(6, "section header");
        int len = in.peek(5);
        in.need(6 + len + 8L, "section header");
        ByteCursor b = in.window();
        int p = b.position();
        long id = b.u32(p + 1);
        String idstr = b.utf8(p + 6, len);
        if (idstr == null) {
            throw in.error("section idstr is not UTF-8");
        }
        long instance = b.u32(p + 6 + len);
        long version = b.u32(p + 10 + len);
        if (len == 0) {
            throw in.errorAt(at, type + " section " + id + " with an empty idstr");
        }
        return new SectionHeader(type, at, id, idstr, instance, version);
    }

    private void skipHeader(SectionHeader h) throws IOException {
        in.skip(14 + Utf8.encodedLength(h.idstr()), "section header");
    }

    /** Device sections are decoded through the vmdesc; RAM and unknown iterables need none. */
    private static boolean needsVmdesc(SectionHeader h) {
        return h.type() == SectionType.FULL;
    }

    /** Holds the rest of the stream, finds the vmdesc at its end, and reads on from the held copy. */
    private void defer(SectionHeader h) throws IOException {
        in.context(h.context());
        long at = in.offset();
        byte[] tail = TailBuffer.readRest(in, options.maxTail(), "the first device section");
        located = VmdescLocator.find(tail, at);
        if (located == null) {
            throw in.errorAt(at, "the stream has no VMDESCRIPTION at its end, so its device state cannot be decoded "
                    + "(QEMU omits it for machine types 2.2 and older and with suppress-vmdesc=on; "
                    + "a truncated stream loses it too)");
        }
        SavevmInput held = new SavevmInput(WireInput.of(ByteBuffer.wrap(tail)), at);
        held.record(in.record());
        in = held;
        vmdesc = VmdescParser.parse(located.tree(), located.length(), located.offset(), records, problems);
    }

    private void section(SectionHeader h) throws IOException {
        in.context(h.context());
        if (h.type().hasFullHeader()) {
            SectionHeader before = started.get(h.sectionId());
            if (before != null) {
                problems.report(in.errorAt(h.offset(), "section id " + h.sectionId() + " was already used by '"
                        + before.idstr() + "'"));
            }
            started.putIfAbsent(h.sectionId(), h);
        }
        if (h.idstr().equals("ram") && h.instanceId() == 0) {
            ramSection(h);
        } else if (h.type() == SectionType.FULL) {
            deviceSection(h);
        } else {
            throw in.errorAt(h.offset(), "iterable section '" + h.idstr() + "' instance " + h.instanceId()
                    + ": Baton reads only the \"ram\" one (block, dirty-bitmap and VFIO sections have formats of their own)");
        }
        footer(h);
    }

    private void ramSection(SectionHeader h) throws IOException {
        switch (h.type()) {
            case FULL -> throw in.errorAt(h.offset(), "\"ram\" as a FULL section; QEMU sends it as START, PART, END");
            case START -> {
                if (ram != null) {
                    throw in.errorAt(h.offset(), "a second START of \"ram\"");
                }
                if (h.versionId() != 4) {
                    throw in.errorAt(h.offset(), "RAM section version " + h.versionId() + "; QEMU has only version 4");
                }
                if (configuration != null && configuration.hasCapability("mapped-ram")) {
                    throw in.errorAt(h.offset(), "mapped-ram streams (RAM at fixed file offsets) are not supported");
                }
                if (pageSummary >= 0 && pageSummary != pageSize()) {
                    throw in.errorAt(h.offset(), String.format("postcopy with huge pages (page size summary 0x%x): "
                            + "the block list then carries page sizes that cannot be placed without the source's "
                            + "memory backends", pageSummary));
                }
                pageSize = pageSize();
                boolean ignoreShared = configuration != null && configuration.hasCapability("x-ignore-shared");
                ram = new RamSectionReader(pageSize, ignoreShared, options.ram(), options.checkPages(), problems);
                open.put(h.sectionId(), h);
                ended.put(h.sectionId(), false);
            }
            case PART, END -> {
                if (h.type() == SectionType.END) {
                    open.remove(h.sectionId());
                    ended.put(h.sectionId(), true);
                }
            }
            default -> throw new IllegalStateException();
        }
        ram.read(in, progress);
    }

    /** The target page size: from the configuration, else the vmdesc, else the common 4 KiB. */
    private int pageSize() throws IOException {
        if (configuration != null && configuration.targetPageBits() > 0) {
            return 1 << configuration.targetPageBits();
        }
        if (vmdesc == null && pageSizeHint > 0) {
            return pageSizeHint; // checked against the vmdesc once it is parsed
        }
        awaitVmdesc();
        return vmdesc != null ? vmdesc.pageSize() : DEFAULT_PAGE_SIZE;
    }

    /** Takes the vmdesc looked for on another thread, when there is such a search. */
    private void awaitVmdesc() throws IOException {
        if (pending == null || vmdesc != null) {
            return;
        }
        try {
            located = pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        } finally {
            pending = null;
        }
        if (located != null) {
            vmdesc = VmdescParser.parse(located.tree(), located.length(), located.offset(), records, problems);
        }
    }

    private void deviceSection(SectionHeader h) throws IOException {
        DeviceDesc d = vmdesc.device(h.idstr(), h.instanceId());
        if (d == null) {
            throw in.errorAt(h.offset(), "the vmdesc does not describe section '" + h.idstr() + "' instance "
                    + h.instanceId() + ", so it cannot be decoded");
        }
        if (d.state().version() >= 0 && d.state().version() != h.versionId()) {
            problems.report(in.errorAt(h.offset(), "version " + h.versionId() + " in the section header, "
                    + d.state().version() + " in the vmdesc"));
        }
        FieldDecoder decoder = new FieldDecoder(in, problems, valuesLeft);
        StructValue state = decoder.section(d.state());
        valuesLeft -= decoder.values();
        states.put(h.sectionId(), state);
        described.put(h.sectionId(), d);
    }

    /** The footer: 0x7E and the section id again, in every section or in none. */
    private void footer(SectionHeader h) throws IOException {
        long at = in.offset();
        int next = in.peek();
        if (next == SectionType.FOOTER.code()) {
            if (Boolean.FALSE.equals(footers)) {
                problems.report(in.errorAt(at, "a footer, though earlier sections had none"));
            }
            footers = true;
            in.u8("footer");
            long id = in.be32("footer section id");
            if (id != h.sectionId()) {
                problems.report(in.errorAt(at, "footer names section id " + id + ", the section is " + h.sectionId()));
            }
            return;
        }
        if (next == SectionType.SUBSECTION.code() && h.type() == SectionType.FULL) {
            in.u8("subsection");
            String name = in.counted("subsection name");
            throw in.errorAt(at, "subsection '" + name + "' follows the section's last described part: "
                    + "the vmdesc does not list it");
        }
        if (Boolean.TRUE.equals(footers)) {
            throw in.errorAt(at, next < 0 ? "truncated: the stream ends where the section's footer should be"
                    : String.format("no footer: octet 0x%02x where 0x7e should follow the section", next));
        }
        footers = false;
    }

    private void command(long at) throws IOException {
        in.u8("type");
        int code = in.be16("command");
        int len = in.be16("command length");
        in.context("command " + Command.name(code));
        byte[] data = in.bytes(len, "command data");
        commands.add(new Command(at, code, data));
        if (!Command.known(code)) {
            problems.report(in.errorAt(at, "unknown command " + code));
            return;
        }
        int fixed = Command.fixedLength(code);
        if (fixed >= 0 && len != fixed) {
            problems.report(in.errorAt(at, "length " + len + ", QEMU's " + Command.name(code) + " has " + fixed));
        }
        switch (code) {
            case Command.POSTCOPY_ADVISE -> {
                if (len == 16) {
                    pageSummary = ByteBuffer.wrap(data).getLong(0);
                } else if (len != 0) {
                    problems.report(in.errorAt(at, "POSTCOPY_ADVISE of " + Plural.count(len, "octet")
                            + "; QEMU sends 0 or 16"));
                }
            }
            case Command.PACKAGED -> throw in.errorAt(at, "PACKAGED command (a postcopy device-state package) "
                    + "is not supported");
            default -> {
            }
        }
    }

    /** After EOF: the vmdesc, when there is one, then nothing. Returns the trailing octet count. */
    private long afterEof() throws IOException {
        awaitVmdesc();
        in.record(records);
        in.context(null);
        long at = in.offset();
        if (in.atEnd()) {
            if (located != null) {
                throw in.errorAt(at, "EOF here, but the VMDESCRIPTION found at the end starts at "
                        + located.offset());
            }
            return 0;
        }
        if (in.peek() != SectionType.VMDESCRIPTION.code()) {
            long n = countRest();
            problems.report(in.errorAt(at, n + " octets after EOF, which are not a VMDESCRIPTION"));
            return n;
        }
        in.context("vmdesc");
        if (located != null && located.offset() != at) {
            throw in.errorAt(at, "a VMDESCRIPTION here, but the one found at the end of the stream starts at "
                    + located.offset());
        }
        in.u8("type");
        long len = in.be32("vmdesc length");
        if (located != null) {
            in.skip(len, "vmdesc");
        } else {
            if (len > options.maxTail()) {
                throw in.errorAt(at, "vmdesc of " + Plural.count(len, "octet") + " is beyond the limit of "
                        + options.maxTail());
            }
            vmdesc = VmdescParser.parse(in.bytes((int) len, "vmdesc"), at, records, problems);
        }
        records++;
        long n = countRest();
        if (n > 0) {
            problems.report(in.errorAt(in.offset() - n, n + " octets after the VMDESCRIPTION"));
        }
        return n;
    }

    private long countRest() throws IOException {
        long n = 0;
        while (!in.atEnd()) {
            n += in.wire().skip(Long.MAX_VALUE);
        }
        return n;
    }

    /** Cross-checks that need the whole stream: every described device was sent, every START ended. */
    private void checkAgainstVmdesc() throws StreamFormatException {
        for (SectionHeader h : open.values()) {
            in.context(h.context());
            problems.report(in.errorAt(h.offset(), "section '" + h.key() + "' was started but never ended"));
        }
        in.context("vmdesc");
        if (vmdesc == null) {
            return;
        }
        Map<DeviceDesc, Boolean> seen = new IdentityHashMap<>();
        described.values().forEach(d -> seen.put(d, true));
        for (DeviceDesc d : vmdesc.byKey().values()) {
            if (!seen.containsKey(d)) {
                problems.report(in.errorAt(vmdesc.offset(), "the vmdesc describes '" + d.name() + "' instance "
                        + d.instanceId() + ", which the stream does not have"));
            }
        }
        if (ram != null && pageSize != vmdesc.pageSize()) {
            problems.report(in.errorAt(vmdesc.offset(), "the vmdesc's page size is " + vmdesc.pageSize()
                    + " but the RAM section was read with " + pageSize));
        }
    }

    private Map<Long, Section> collect() {
        Map<Long, Section> out = new LinkedHashMap<>();
        for (SectionHeader h : started.values()) {
            boolean isRam = h.idstr().equals("ram") && h.instanceId() == 0;
            out.put(h.sectionId(), new Section(h, isRam ? ram.summary() : null, states.get(h.sectionId()),
                    described.get(h.sectionId()), !isRam || ended.getOrDefault(h.sectionId(), false)));
        }
        return out;
    }
}
