package dev.baton.core.document;

import dev.baton.core.json.JsonInputException;
import dev.baton.core.json.JsonParser;
import dev.baton.core.json.JsonPath;
import dev.baton.core.json.JsonWriter;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.Utf8;
import dev.baton.core.wire.WriterOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Writes a stream from the document {@link StreamDocument} defines, member by member and record by
 * record, as a reader of the document hands them over: {@link #format}, {@link #header}, each
 * record, then {@link #finish}. Checksums and padding are the writer's, recomputed. Everything
 * the document holds is checked where it stands: a member missing, of the wrong type or out of
 * range, a section's values that are not its description's, a record out of the stream's order,
 * each is a {@link JsonInputException} naming the place ({@code $.records[3].fields.volume}) and
 * what was expected there.
 */
public final class StreamEncoder implements Closeable {
    private static final Set<String> HEADER = Set.of("version", "compatVersion", "byteOrder", "checksums", "created",
            "producerName", "producerVersion", "profile");

    private final OutputStream out;
    private boolean formatSeen;
    private RecordWriter writer;
    private boolean ended;
    /** The sections' descriptions, from the DESCRIPTION record written; null before or when it describes none. */
    private DescribedSections described;
    /** Why sections cannot be given by their fields, when {@link #described} is null. */
    private String undescribed = "the document has no DESCRIPTION record before it";

    /** An encoder writing to {@code out}, which it does not close. */
    public StreamEncoder(OutputStream out) {
        this.out = out;
    }

    /** The document's {@code "format"} member: it must name {@link StreamDocument#FORMAT}. */
    public void format(Object value, String path) throws JsonInputException {
        if (!StreamDocument.FORMAT.equals(value)) {
            throw JsonInputException.expected(path, "\"" + StreamDocument.FORMAT + "\", the format of this document", value);
        }
        formatSeen = true;
    }

    /** The document's {@code "header"}: starts the stream with its preamble and version header. */
    public void header(Object value, String path) throws JsonInputException {
        if (!formatSeen) {
            throw new JsonInputException(path, "expected \"format\" before \"header\"");
        }
        if (writer != null) {
            throw new JsonInputException(path, "a second header");
        }
        Map<String, Object> h = object(value, path, "the stream's header", HEADER);
        int version = (int) whole(h, "version", path, 1, Integer.MAX_VALUE);
        WriterOptions options;
        try {
            options = WriterOptions.defaults().withFormatVersion(version);
        } catch (IllegalArgumentException e) {
            throw new JsonInputException(JsonPath.member(path, "version"), "expected a stream format version this "
                    + "build writes: " + e.getMessage());
        }
        int compat = options.compatVersion();
        if (whole(h, "compatVersion", path, 1, Integer.MAX_VALUE) != compat) {
            throw new JsonInputException(JsonPath.member(path, "compatVersion"), "expected " + compat
                    + ", the compat_version of stream version " + version + " (the version table's)");
        }
        String order = string(h, "byteOrder", path);
        if (!order.equals("big-endian") && !order.equals("little-endian")) {
            throw JsonInputException.expected(JsonPath.member(path, "byteOrder"), "\"big-endian\" or \"little-endian\"", order);
        }
        options = options
                .withByteOrder(order.equals("big-endian") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                .withChecksums(bool(h, "checksums", path))
                .withCreated(instant(h, path));
        String producer = string(h, "producerName", path);
        options = headerString(options, path, "producerName", () -> WriterOptions.defaults().withProducer(producer, ""));
        String producerVersion = string(h, "producerVersion", path);
        options = headerString(options, path, "producerVersion",
                () -> WriterOptions.defaults().withProducer("", producerVersion));
        String profile = string(h, "profile", path);
        options = headerString(options, path, "profile", () -> WriterOptions.defaults().withProfile(profile));
        writer = RecordWriter.open(out, options.withProducer(producer, producerVersion).withProfile(profile));
    }

    /** One header string, refused here with its place when the writer would refuse it (NUL, too long). */
    private static WriterOptions headerString(WriterOptions options, String path, String member,
            java.util.function.Supplier<WriterOptions> alone) throws JsonInputException {
        try {
            alone.get();
        } catch (IllegalArgumentException e) {
            throw new JsonInputException(JsonPath.member(path, member), e.getMessage());
        }
        return options;
    }

    private static Instant instant(Map<String, Object> h, String path) throws JsonInputException {
        String text = string(h, "created", path);
        try {
            Instant t = Instant.parse(text);
            if (t.getNano() % 1_000_000 == 0) {
                Instant.ofEpochMilli(t.toEpochMilli()); // in the range an i64 of milliseconds holds
                return t;
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // said below
        }
        throw JsonInputException.expected(JsonPath.member(path, "created"), "an ISO-8601 instant in UTC to the millisecond, such as "
                + "\"2026-01-02T03:04:05.678Z\"", text);
    }

    /**
     * One element of the document's {@code "records"}: a record, written to the stream.
     *
     * @throws JsonInputException where the record is not one the document can hold, or cannot
     *                            come here in a stream
     * @throws IOException        when writing fails
     */
    public void record(Object value, String path) throws JsonInputException, IOException {
        if (writer == null) {
            throw new JsonInputException(path, "a record before the header: \"header\" comes before \"records\"");
        }
        if (ended) {
            throw new JsonInputException(path, "a record after END: END is the last record");
        }
        if (!(value instanceof Map<?, ?>)) {
            throw JsonInputException.expected(path, "a record, an object with its \"type\"", value);
        }
        Object t = ((Map<?, ?>) value).get("type");
        int type = type(t, JsonPath.member(path, "type"));
        try {
            switch (type) {
                case RecordType.END -> {
                    object(value, path, "an END record", Set.of("type"));
                    writer.writeEnd();
                    ended = true;
                }
                case RecordType.STATIC_DATA_END -> {
                    object(value, path, "a STATIC_DATA_END record", Set.of("type"));
                    writer.writeStaticDataEnd();
                }
                case RecordType.DESCRIPTION -> description(object(value, path, "a DESCRIPTION record",
                        Set.of("type", "description", "text", "body")), path);
                case RecordType.SECTION -> section(object(value, path, "a SECTION record",
                        Set.of("type", "idstr", "instance", "version", "fields", "data", "undecoded")), path);
                default -> {
                    Map<String, Object> r = object(value, path, "a record of type " + RecordType.name(type),
                            Set.of("type", "body"));
                    writer.writeRecord(type, ByteBuffer.wrap(octets(r, "body", path)));
                }
            }
        } catch (IllegalStateException e) { // the stream's grammar: what the writer refuses to write here
            throw new JsonInputException(path, RecordType.name(type) + " cannot come here: " + e.getMessage());
        } catch (IllegalArgumentException e) { // a type outside the type space, a record beyond the limit
            throw new JsonInputException(path, e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A DESCRIPTION from its JSON value, its text or its octets; its descriptions serve the sections after it. */
    private void description(Map<String, Object> r, String path) throws JsonInputException, IOException {
        byte[] body;
        Object json;
        String given = oneOf(r, path, "description", "text", "body");
        switch (given) {
            case "description" -> {
                json = r.get("description");
                StringBuilder text = new StringBuilder();
                new JsonWriter(text).value(json);
                body = text.toString().getBytes(StandardCharsets.UTF_8);
            }
            case "text" -> {
                String text = string(r, "text", path);
                body = utf8(text, JsonPath.member(path, "text"));
                json = parsed(text);
            }
            default -> {
                body = octets(r, "body", path);
                String text = Utf8.decode(ByteBuffer.wrap(body), 0, body.length);
                json = text == null ? null : parsed(text);
            }
        }
        writer.writeDescription(ByteBuffer.wrap(body));
        described = null;
        undescribed = "the DESCRIPTION before it is not a description document";
        if (json != null) {
            try {
                described = new DescribedSections(json);
            } catch (IllegalArgumentException e) {
                undescribed = "the DESCRIPTION before it is not a description document: " + e.getMessage();
            }
        }
    }

    private static Object parsed(String text) {
        try {
            return JsonParser.parse(text);
        } catch (JsonParser.JsonException e) {
            return null;
        }
    }

    private void section(Map<String, Object> r, String path) throws JsonInputException {
        String idstr = idstr(r, path);
        int instance = (int) whole(r, "instance", path, 0, 0xFFFF_FFFFL);
        int version = (int) whole(r, "version", path, 0, 0xFFFF_FFFFL);
        String given = oneOf(r, path, "fields", "data");
        if (r.containsKey("undecoded") && !(r.get("undecoded") instanceof String)) {
            throw JsonInputException.expected(JsonPath.member(path, "undecoded"), "a string (why the data is not decoded)",
                    r.get("undecoded"));
        }
        try {
            if (given.equals("data")) {
                writer.writeSection(idstr, instance, version, ByteBuffer.wrap(octets(r, "data", path)));
                return;
            }
            if (described == null) {
                throw new JsonInputException(JsonPath.member(path, "fields"), "sections are given by their fields "
                        + "only through the stream's DESCRIPTION, and " + undescribed + ": give its data as hex in "
                        + "\"data\"");
            }
            described.encode(idstr, instance, version, r.get("fields"), path, writer);
        } catch (IllegalArgumentException e) { // a value the description's codec refuses
            throw new JsonInputException(path, e.getMessage());
        }
    }

    /** A section's idstr, as the writer takes it: 1 octet to its limit, UTF-8, no NUL. */
    private String idstr(Map<String, Object> r, String path) throws JsonInputException {
        String idstr = string(r, "idstr", path);
        int most = writer.options().limits().maxIdstrLength();
        int octets;
        try {
            octets = Utf8.encodedLength(idstr);
        } catch (IllegalArgumentException e) {
            octets = -1; // an unpaired surrogate
        }
        if (octets < 1 || octets > most || Utf8.containsNul(idstr)) {
            throw JsonInputException.expected(JsonPath.member(path, "idstr"), "an idstr of 1 to " + most
                    + " octets of UTF-8 without NUL", idstr);
        }
        return idstr;
    }

    /**
     * Ends the document: the stream must have ended with END.
     *
     * @param path the place of the document, for the error
     */
    public void finish(String path) throws JsonInputException, IOException {
        if (writer == null) {
            throw new JsonInputException(path, "expected the members \"format\", \"header\" and \"records\"");
        }
        if (!ended) {
            throw new JsonInputException(JsonPath.member(path, "records"), "the records end before END: a "
                    + "stream's last record is END");
        }
        writer.flush();
    }

    /** Octets of the stream written so far. */
    public long offset() {
        return writer == null ? 0 : writer.offset();
    }

    /** Records written so far. */
    public long records() {
        return writer == null ? 0 : writer.records();
    }

    /** Flushes what was written; the output stays open. */
    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }

    // ---- members -----------------------------------------------------------------------------------

    /** A record's type: a core type's name, or any type as {@code 0x} and eight hex digits. */
    private static int type(Object t, String path) throws JsonInputException {
        if (t instanceof String s) {
            for (int core : new int[] {RecordType.END, RecordType.SECTION, RecordType.STATIC_DATA_END,
                RecordType.DESCRIPTION}) {
                if (s.equals(RecordType.name(core))) {
                    return core;
                }
            }
            if (s.matches("0[xX][0-9a-fA-F]{8}")) {
                return Integer.parseUnsignedInt(s.substring(2), 16);
            }
        }
        throw JsonInputException.expected(path, "END, SECTION, STATIC_DATA_END, DESCRIPTION or a type as 0x and 8 hex digits", t);
    }

    /** {@code value} as an object holding only {@code allowed} members. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String path, String what, Set<String> allowed)
            throws JsonInputException {
        if (!(value instanceof Map<?, ?> m)) {
            throw JsonInputException.expected(path, what + " as an object", value);
        }
        for (Object k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw new JsonInputException(JsonPath.member(path, (String) k), "unexpected member: " + what
                        + " has " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return (Map<String, Object>) m;
    }

    /** Which one of {@code members} the record gives: exactly one. */
    private static String oneOf(Map<String, Object> r, String path, String... members) throws JsonInputException {
        String found = null;
        for (String m : members) {
            if (r.containsKey(m)) {
                if (found != null) {
                    throw new JsonInputException(JsonPath.member(path, m), "expected only one of \""
                            + String.join("\", \"", members) + "\", not \"" + found + "\" and \"" + m + "\"");
                }
                found = m;
            }
        }
        if (found == null) {
            throw new JsonInputException(path, "expected one of the members \"" + String.join("\", \"", members)
                    + "\"");
        }
        return found;
    }

    private static String string(Map<String, Object> m, String key, String path) throws JsonInputException {
        Object v = present(m, key, path);
        if (!(v instanceof String s)) {
            throw JsonInputException.expected(JsonPath.member(path, key), "a string", v);
        }
        return s;
    }

    private static boolean bool(Map<String, Object> m, String key, String path) throws JsonInputException {
        Object v = present(m, key, path);
        if (!(v instanceof Boolean b)) {
            throw JsonInputException.expected(JsonPath.member(path, key), "true or false", v);
        }
        return b;
    }

    private static long whole(Map<String, Object> m, String key, String path, long min, long max)
            throws JsonInputException {
        Object v = present(m, key, path);
        if (!(v instanceof Long n) || n < min || n > max) {
            throw JsonInputException.expected(JsonPath.member(path, key), "a whole number from " + min + " to " + max, v);
        }
        return n;
    }

    private static byte[] octets(Map<String, Object> m, String key, String path) throws JsonInputException {
        Object v = present(m, key, path);
        if (v instanceof String s && s.length() % 2 == 0) {
            try {
                return HexFormat.of().parseHex(s);
            } catch (IllegalArgumentException e) {
                // said below
            }
        }
        throw JsonInputException.expected(JsonPath.member(path, key), "octets as a string of hex digits, two an octet", v);
    }

    private static byte[] utf8(String text, String path) throws JsonInputException {
        try {
            ByteBuffer b = ByteBuffer.allocate(Utf8.encodedLength(text));
            Utf8.encode(text, b);
            return b.array();
        } catch (IllegalArgumentException e) { // an unpaired surrogate
            throw new JsonInputException(path, "the text cannot be encoded: " + e.getMessage());
        }
    }

    private static Object present(Map<String, Object> m, String key, String path) throws JsonInputException {
        if (!m.containsKey(key)) {
            throw new JsonInputException(path, "expected a member \"" + key + "\"");
        }
        return m.get(key);
    }
}
