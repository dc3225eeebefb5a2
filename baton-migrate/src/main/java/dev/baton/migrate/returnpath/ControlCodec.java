package dev.baton.migrate.returnpath;

import dev.baton.core.wire.ByteCursor;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.RecordFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The octets of a control message (docs/MIGRATION.md, "Control messages"). Big-endian, framed as
 * a checksummed Baton record ({@link RecordFrame}, always with the trailer):
 *
 * <pre>
 *   u32 type | u32 length | body (length octets) | zero padding to 8 | u32 crc32c | u32 reserved (0)
 * </pre>
 *
 * The CRC-32C covers type, length, body and padding. Every length is checked against what
 * remains and against a limit before anything is allocated; every fault of the octets is a
 * {@link ControlFormatException}, never an index or null error.
 */
public final class ControlCodec {
    /** Target to source. Type codes spell "BR" (Baton return path) in their high half. */
    public static final int HELLO = 0x4252_0001;
    public static final int ACCEPT = 0x4252_0002;
    public static final int REFUSE = 0x4252_0003;
    public static final int ACK = 0x4252_0004;
    public static final int DONE = 0x4252_0005;
    public static final int ERROR = 0x4252_0006;
    /** A rehearsal's outcome, instead of ACK. */
    public static final int REPORT = 0x4252_0007;
    /**
     * How far the target has loaded, its answer to each LOAD_MARK record of the stream; a source
     * that writes no LOAD_MARK (one that predates it) never receives one.
     */
    public static final int LOADED = 0x4252_0008;
    /** Source to target, around the stream. "BF": Baton forward. */
    public static final int START = 0x4246_0001;
    public static final int ABORT = 0x4246_0002;
    public static final int GO = 0x4246_0003;
    /** START of a rehearsal. */
    public static final int REHEARSE = 0x4246_0004;
    /** First on each extra channel of a migration. */
    public static final int JOIN = 0x4246_0005;
    /** Most channels a migration uses, the main connection included. */
    public static final int MAX_CHANNELS = 16;
    /** Octets of a migration's channel token. */
    public static final int TOKEN = 16;

    /** Largest body accepted; the largest legal HELLO is well below it. */
    public static final int MAX_BODY = 64 * 1024;
    /** Longest application or profile name, in octets. */
    public static final int MAX_NAME = 1024;
    /** Most profiles a HELLO may list. */
    public static final int MAX_PROFILES = 256;
    /** Longest reason (REFUSE, ERROR, ABORT), in octets; longer ones are cut when written. */
    public static final int MAX_REASON = 4096;
    /** Longest reason of one section in a REPORT, in octets; longer ones are cut when written. */
    public static final int MAX_SECTION_REASON = 512;
    /** Most problems a REPORT lists, each at most {@link #MAX_REASON} octets. */
    public static final int MAX_PROBLEMS = 8;

    private ControlCodec() {
    }

    /** The message's name, or its type code in hex when it is no message of this protocol. */
    public static String name(int type) {
        return switch (type) {
            case HELLO -> "HELLO";
            case ACCEPT -> "ACCEPT";
            case REFUSE -> "REFUSE";
            case ACK -> "ACK";
            case DONE -> "DONE";
            case ERROR -> "ERROR";
            case START -> "START";
            case ABORT -> "ABORT";
            case GO -> "GO";
            case REHEARSE -> "REHEARSE";
            case JOIN -> "JOIN";
            case REPORT -> "REPORT";
            case LOADED -> "LOADED";
            default -> String.format("0x%08x", type);
        };
    }

    static boolean known(int type) {
        return !name(type).startsWith("0x");
    }

    /** Octets a frame with a body of {@code length} takes. */
    public static int frameSize(int length) {
        return (int) RecordFrame.size(length, true);
    }

    // ---- encoding ------------------------------------------------------------------------------

    /** The whole frame of a message, ready to write, positioned at 0. */
    public static ByteBuffer encode(ControlMessage m) {
        ByteBuffer body = ByteBuffer.allocate(MAX_BODY).order(ByteOrder.BIG_ENDIAN);
        switch (m) {
            case ControlMessage.Hello h -> {
                body.putInt(h.protocolMin()).putInt(h.protocolMax()).putInt(h.streamMin()).putInt(h.streamMax());
                if (h.profiles().size() > MAX_PROFILES) {
                    throw new IllegalArgumentException("more than " + MAX_PROFILES + " profiles");
                }
                body.putShort((short) h.profiles().size());
                putName(body, h.application(), "application name");
                for (String p : h.profiles()) {
                    putName(body, p, "profile name");
                }
                if (h.channels() > 1) { // absent for one: a target's HELLO stays what older sources read
                    body.putShort((short) h.channels()).putShort((short) 0);
                }
            }
            case ControlMessage.Start s -> {
                body.putInt(s.protocol()).putInt(s.stream());
                putName(body, s.profile(), "profile name");
                if (s.channels() > 1) { // only to a target whose HELLO offered channels
                    body.putShort((short) s.channels()).putShort((short) 0).put(HexFormat.of().parseHex(s.token()));
                }
            }
            case ControlMessage.Join j ->
                body.putShort((short) j.channel()).putShort((short) 0).put(HexFormat.of().parseHex(j.token()));
            case ControlMessage.Rehearse s -> {
                body.putInt(s.protocol()).putInt(s.stream());
                putName(body, s.profile(), "profile name");
            }
            case ControlMessage.Report r -> putReport(body, r);
            case ControlMessage.Abort a -> putReason(body, a.reason());
            case ControlMessage.Refuse r -> putReason(body, r.reason());
            case ControlMessage.Error e -> putReason(body, e.reason());
            case ControlMessage.Ack a -> body.putLong(a.records()).putLong(a.octets());
            case ControlMessage.Loaded l -> body.putLong(l.records()).putLong(l.octets());
            case ControlMessage.Accept a -> {
            }
            case ControlMessage.Go g -> {
            }
            case ControlMessage.Done d -> {
            }
        }
        body.flip();
        int length = body.remaining();
        ByteBuffer frame = ByteBuffer.allocate(frameSize(length)).order(ByteOrder.BIG_ENDIAN);
        RecordFrame.putHeader(frame, m.type(), length).put(body);
        RecordFrame.end(frame, 0, length, new CRC32C());
        return frame.flip();
    }

    private static void putName(ByteBuffer body, String name, String what) {
        byte[] octets = name.getBytes(StandardCharsets.UTF_8);
        if (octets.length > MAX_NAME || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_NAME + " octets or contains NUL");
        }
        body.putShort((short) octets.length).put(octets);
    }

    /** Octets of a REPORT before its lists. */
    private static final int REPORT_FIXED = 8 + 8 + 32 + 4 + 2 + 2;

    /**
     * A REPORT's body; sections that would not leave room for the problems are left out and
     * counted in {@code omitted}, so that the body stays within {@link #MAX_BODY}.
     */
    private static void putReport(ByteBuffer body, ControlMessage.Report r) {
        if (r.problems().size() > MAX_PROBLEMS) {
            throw new IllegalArgumentException("more than " + MAX_PROBLEMS + " problems");
        }
        byte[] digest = java.util.HexFormat.of().parseHex(r.streamSha256());
        if (digest.length != 32) {
            throw new IllegalArgumentException("streamSha256 is not 64 hex digits");
        }
        body.putLong(r.records()).putLong(r.octets()).put(digest);
        int countsAt = body.position();
        body.putInt(0).putShort((short) 0).putShort((short) r.problems().size());
        int room = MAX_BODY - REPORT_FIXED - MAX_PROBLEMS * (2 + MAX_REASON);
        int listed = 0;
        for (ControlMessage.Report.Section s : r.sections()) {
            byte[] id = s.idstr().getBytes(StandardCharsets.UTF_8);
            byte[] why = cut(s.reason(), MAX_SECTION_REASON);
            int size = 12 + id.length + 2 + why.length;
            if (id.length > MAX_NAME || size > room || listed == 0xFFFF) {
                break;
            }
            room -= size;
            body.put((byte) s.outcome().code()).put((byte) 0).putShort((short) id.length).putInt(s.instance())
                    .putInt(s.version()).put(id).putShort((short) why.length).put(why);
            listed++;
        }
        for (String p : r.problems()) {
            byte[] text = cut(p, MAX_REASON);
            body.putShort((short) text.length).put(text);
        }
        long omitted = Math.min(0xFFFF_FFFFL, r.omitted() + r.sections().size() - listed);
        body.putInt(countsAt, (int) omitted).putShort(countsAt + 4, (short) listed);
    }

    /** {@code text} as UTF-8, cut to {@code max} octets at a character boundary; NUL becomes a space. */
    private static byte[] cut(String text, int max) {
        byte[] octets = text.replace('\0', ' ').getBytes(StandardCharsets.UTF_8);
        int n = Math.min(octets.length, max);
        while (n < octets.length && n > 0 && (octets[n] & 0xC0) == 0x80) {
            n--; // do not cut a multi-octet character in two
        }
        return java.util.Arrays.copyOf(octets, n);
    }

    /** A reason as UTF-8, cut to {@link #MAX_REASON} octets at a character boundary; NUL becomes a space. */
    private static void putReason(ByteBuffer body, String reason) {
        String clean = reason.replace('\0', ' ');
        byte[] octets = clean.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(octets.length, MAX_REASON);
        while (n < octets.length && n > 0 && (octets[n] & 0xC0) == 0x80) {
            n--; // do not cut a multi-octet character in two
        }
        body.put(octets, 0, n);
    }

    // ---- decoding ------------------------------------------------------------------------------

    /**
     * Decodes a whole frame held in {@code frame} (position to limit); for tests and fuzzing. The
     * frame must take exactly the octets given.
     */
    public static ControlMessage decodeFrame(ByteBuffer frame, String direction) throws ControlFormatException {
        ByteBuffer b = frame.slice().order(ByteOrder.BIG_ENDIAN);
        Where at = new Where(direction, 0, 0);
        if (b.remaining() < RecordFrame.HEADER) {
            throw at.error(0, NO_TYPE, "truncated header: " + b.remaining() + " of 8 octets");
        }
        int type = b.getInt(0);
        int length = checkHeader(at, type, b.getInt(4));
        int size = frameSize(length);
        if (b.remaining() < size) {
            throw at.error(b.remaining(), type, "truncated message: " + b.remaining() + " of "
                    + Plural.count(size, "octet"));
        }
        if (b.remaining() > size) {
            throw at.error(size, type, (b.remaining() - size) + " octets after the message");
        }
        return decodeChecked(at, b);
    }

    static final int NO_TYPE = -1;

    /** Where a message is, for errors: which direction, its offset in it and its index. */
    record Where(String direction, long offset, long index) {
        ControlFormatException error(long within, int type, String problem) {
            return new ControlFormatException(problem, direction, offset + within, index, type);
        }
    }

    /** Checks the header's type and length; returns the length. */
    static int checkHeader(Where at, int type, int length) throws ControlFormatException {
        if (!known(type)) {
            throw at.error(0, type, String.format("unknown control message type 0x%08x", type)
                    + (type == 0x8942_544E ? " (this is a Baton stream, not a control message)" : ""));
        }
        if (length < 0 || length > MAX_BODY) {
            throw at.error(4, type, "body length " + Integer.toUnsignedString(length) + " exceeds the limit of "
                    + MAX_BODY + " octets");
        }
        return length;
    }

    /** Checks padding, checksum and reserved field of a whole frame, then decodes its body. */
    static ControlMessage decodeChecked(Where at, ByteBuffer frame) throws ControlFormatException {
        int type = frame.getInt(0);
        int length = frame.getInt(4);
        int padEnd = RecordFrame.HEADER + RecordFrame.pad8(length);
        int bad = RecordFrame.firstNonZero(frame, RecordFrame.HEADER + length, padEnd);
        if (bad >= 0) {
            throw at.error(bad, type, RecordFrame.nonZeroPadding(frame.get(bad)));
        }
        int computed = RecordFrame.checksum(new CRC32C(), frame, 0, length);
        int stored = frame.getInt(padEnd);
        if (stored != computed) {
            throw at.error(padEnd, type, RecordFrame.checksumMismatch(stored, computed));
        }
        if (frame.getInt(padEnd + 4) != 0) {
            throw at.error(padEnd + 4, type, "reserved field of the trailer is not zero");
        }
        return decodeBody(at, type, frame.slice(RecordFrame.HEADER, length).order(ByteOrder.BIG_ENDIAN));
    }

    private static ControlMessage decodeBody(Where at, int type, ByteBuffer body) throws ControlFormatException {
        Body in = new Body(at, type, body);
        ControlMessage m = switch (type) {
            case HELLO -> {
                int pmin = in.positive("protocol_min");
                int pmax = in.positive("protocol_max");
                int smin = in.positive("stream_min");
                int smax = in.positive("stream_max");
                if (pmax < pmin || smax < smin) {
                    throw in.error(0, "empty window: protocol [" + pmin + ", " + pmax + "], stream [" + smin + ", "
                            + smax + "]");
                }
                int count = in.u16("profile_count");
                if (count > MAX_PROFILES) {
                    throw in.error(16, "profile_count " + count + " exceeds the limit of " + MAX_PROFILES);
                }
                String application = in.name("application name");
                List<String> profiles = new ArrayList<>(Math.min(count, in.remaining() / 2));
                for (int i = 0; i < count; i++) {
                    profiles.add(in.name("profile name #" + i));
                }
                int channels = in.remaining() == 0 ? 1 : in.channels("channels", 2, MAX_CHANNELS);
                yield new ControlMessage.Hello(application, pmin, pmax, smin, smax, profiles, channels);
            }
            case START -> {
                int protocol = in.positive("protocol");
                int stream = in.positive("stream");
                String profile = in.name("profile name");
                if (in.remaining() == 0) {
                    yield new ControlMessage.Start(protocol, stream, profile);
                }
                int channels = in.channels("channels", 2, MAX_CHANNELS);
                yield new ControlMessage.Start(protocol, stream, profile, channels, in.hex(TOKEN, "token"));
            }
            case JOIN -> {
                int channel = in.channels("channel", 1, MAX_CHANNELS - 1);
                yield new ControlMessage.Join(channel, in.hex(TOKEN, "token"));
            }
            case REHEARSE -> new ControlMessage.Rehearse(in.positive("protocol"), in.positive("stream"),
                    in.name("profile name"));
            case REPORT -> report(in);
            case ABORT -> new ControlMessage.Abort(in.reason());
            case REFUSE -> new ControlMessage.Refuse(in.reason());
            case ERROR -> new ControlMessage.Error(in.reason());
            case ACK -> new ControlMessage.Ack(in.nonNegativeLong("records"), in.nonNegativeLong("octets"));
            case LOADED -> new ControlMessage.Loaded(in.nonNegativeLong("records"), in.nonNegativeLong("octets"));
            case ACCEPT -> new ControlMessage.Accept();
            case GO -> new ControlMessage.Go();
            case DONE -> new ControlMessage.Done();
            default -> throw in.error(0, "unknown control message type");
        };
        if (in.remaining() > 0) {
            throw in.error(in.position(), in.remaining() + " octets left over after the " + name(type) + " body");
        }
        return m;
    }

    private static ControlMessage.Report report(Body in) throws ControlFormatException {
        long records = in.nonNegativeLong("records");
        long octets = in.nonNegativeLong("octets");
        String digest = in.hex(32, "stream_sha256");
        long omitted = in.u32("sections_omitted");
        int sectionCount = in.u16("section_count");
        int problemCount = in.u16("problem_count");
        if (problemCount > MAX_PROBLEMS) {
            throw in.error(54, "problem_count " + problemCount + " exceeds the limit of " + MAX_PROBLEMS);
        }
        List<ControlMessage.Report.Section> sections = new ArrayList<>(Math.min(sectionCount, in.remaining() / 14));
        for (int i = 0; i < sectionCount; i++) {
            int at = in.position();
            int code = in.u8("outcome of section #" + i);
            ControlMessage.Report.Outcome outcome = ControlMessage.Report.Outcome.of(code);
            if (outcome == null) {
                throw in.error(at, "outcome " + code + " of section #" + i + " is not 1 (loaded), 2 (failed) or 3"
                        + " (differs)");
            }
            if (in.u8("reserved octet of section #" + i) != 0) {
                throw in.error(at + 1, "reserved octet of section #" + i + " is not zero");
            }
            int idLength = in.u16("idstr length of section #" + i);
            if (idLength > MAX_NAME) {
                throw in.error(at + 2, "idstr length " + idLength + " of section #" + i + " exceeds the limit of "
                        + MAX_NAME + " octets");
            }
            int instance = in.s32("instance of section #" + i);
            int version = in.s32("version of section #" + i);
            String idstr = in.text(idLength, "idstr of section #" + i);
            int reasonLength = in.u16("reason length of section #" + i);
            if (reasonLength > MAX_SECTION_REASON) {
                throw in.error(in.position() - 2, "reason length " + reasonLength + " of section #" + i
                        + " exceeds the limit of " + MAX_SECTION_REASON + " octets");
            }
            sections.add(new ControlMessage.Report.Section(outcome, idstr, instance, version,
                    in.text(reasonLength, "reason of section #" + i)));
        }
        List<String> problems = new ArrayList<>(problemCount);
        for (int i = 0; i < problemCount; i++) {
            int length = in.u16("length of problem #" + i);
            if (length > MAX_REASON) {
                throw in.error(in.position() - 2, "problem #" + i + " of " + Plural.count(length, "octet")
                        + " exceeds the limit of " + MAX_REASON);
            }
            problems.add(in.text(length, "problem #" + i));
        }
        return new ControlMessage.Report(records, octets, digest, sections, omitted, problems);
    }

    /**
     * Reads the fields of one body through a core {@link ByteCursor}: {@link #take} checks each
     * against what remains first, so that every fault is a {@link ControlFormatException} in this
     * protocol's words, then the field is read where it lies.
     */
    private record Body(Where at, int type, ByteCursor b) {
        Body(Where at, int type, ByteBuffer body) {
            this(at, type, ByteCursor.of(body, at.offset() + RecordFrame.HEADER, at.index(), type, at.direction()));
        }

        ControlFormatException error(int bodyOffset, String problem) {
            return at.error(RecordFrame.HEADER + bodyOffset, type, problem);
        }

        /** Takes {@code n} octets for {@code what} and returns the index of the first. */
        private int take(int n, String what) throws ControlFormatException {
            int at0 = b.position();
            if (b.remaining() < n) {
                throw error(at0, what + " runs past the end of the " + ControlCodec.name(type) + " body ("
                        + (at0 + b.remaining()) + " octets)");
            }
            b.position(at0 + n);
            return at0;
        }

        int positive(String what) throws ControlFormatException {
            int at0 = take(4, what);
            int v = b.s32(at0);
            if (v <= 0) {
                throw error(at0, what + " is " + Integer.toUnsignedString(v) + ", not a version (1 to 2^31-1)");
            }
            return v;
        }

        int u16(String what) throws ControlFormatException {
            return b.u16(take(2, what));
        }

        /** A {@code u16} from {@code min} to {@code max}, then a reserved {@code u16} that must be zero. */
        int channels(String what, int min, int max) throws ControlFormatException {
            int at0 = b.position();
            int v = u16(what);
            if (v < min || v > max) {
                throw error(at0, what + " is " + v + ", not " + min + " to " + max);
            }
            if (u16("reserved") != 0) {
                throw error(at0 + 2, "reserved field after " + what + " is not zero");
            }
            return v;
        }

        int u8(String what) throws ControlFormatException {
            return b.u8(take(1, what));
        }

        int s32(String what) throws ControlFormatException {
            return b.s32(take(4, what));
        }

        long u32(String what) throws ControlFormatException {
            return b.s32(take(4, what)) & 0xFFFF_FFFFL;
        }

        /** {@code n} octets as 2n lower-case hex digits. */
        String hex(int n, String what) throws ControlFormatException {
            int at0 = take(n, what);
            StringBuilder s = new StringBuilder(2 * n);
            for (int i = 0; i < n; i++) {
                s.append(String.format("%02x", b.u8(at0 + i)));
            }
            return s.toString();
        }

        long nonNegativeLong(String what) throws ControlFormatException {
            int at0 = take(8, what);
            long v = b.s64(at0);
            if (v < 0) {
                throw error(at0, what + " is negative");
            }
            return v;
        }

        String name(String what) throws ControlFormatException {
            int at0 = b.position();
            int n = u16(what + " length");
            if (n > MAX_NAME) {
                throw error(at0, what + " length " + n + " exceeds the limit of " + MAX_NAME + " octets");
            }
            return text(n, what);
        }

        String reason() throws ControlFormatException {
            if (b.remaining() > MAX_REASON) {
                throw error(0, "reason of " + Plural.count(b.remaining(), "octet") + " exceeds the limit of "
                        + MAX_REASON);
            }
            return text(b.remaining(), "reason");
        }

        String text(int n, String what) throws ControlFormatException {
            int at0 = take(n, what);
            if (b.indexOf((byte) 0, at0, at0 + n) >= 0) {
                throw error(at0, what + " contains a NUL octet");
            }
            String s = b.utf8(at0, n);
            if (s == null) {
                throw error(at0, what + " is not valid UTF-8");
            }
            return s;
        }

        /** Octets of the body not read. */
        int remaining() {
            return b.remaining();
        }

        int position() {
            return b.position();
        }
    }
}
