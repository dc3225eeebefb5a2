package dev.baton.core.wire;

import java.io.IOException;

/**
 * The one exception a Baton decoder throws for bad input: the bytes are not a valid stream.
 *
 * <p>It says what is wrong ({@link #problem()}) and where: the absolute {@link #offset()} in the
 * stream, the {@link #recordIndex()} (0 for the first record, {@code -1} while reading the
 * preamble and version header) and the {@link #recordType()} of the record being read ({@code -1}
 * when none). {@link #context()} carries a finer location that higher layers add, such as a
 * section and field path. {@link #getMessage()} joins all of them into one line, fit for a
 * command-line error.
 *
 * <p>A problem is recoverable unless it is a {@link FatalFormatException}: the framing survives it,
 * and a verifier collecting {@link Problems} reports it and reads on.
 *
 * <p>I/O failures of the underlying channel are plain {@link IOException}s, not this type: a
 * {@code StreamFormatException} always means the bytes themselves are wrong.
 */
public class StreamFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Record index used while the preamble or the version header is being read. */
    public static final long IN_HEADER = -1;
    /** Record type used when no record type is known. */
    public static final int NO_TYPE = -1;

    private final String problem;
    private final long offset;
    private final long recordIndex;
    private final int recordType;
    private final String context;

    /**
     * @param problem     what is wrong, as a sentence fragment without location
     * @param offset      absolute stream offset at which the problem was found
     * @param recordIndex index of the record, or {@link #IN_HEADER}
     * @param recordType  type of the record, or {@link #NO_TYPE}
     * @param context     a finer location (section, field path), or {@code null}
     */
    public StreamFormatException(String problem, long offset, long recordIndex, int recordType,
            String context) {
        super(compose(problem, offset, recordIndex, recordType, context));
        this.problem = problem;
        this.offset = offset;
        this.recordIndex = recordIndex;
        this.recordType = recordType;
        this.context = context;
    }

    /** A problem in the preamble or version header: fatal, as nothing after a bad header can be read. */
    public static FatalFormatException inHeader(String problem, long offset) {
        return new FatalFormatException(problem, offset, IN_HEADER, NO_TYPE, null);
    }

    /**
     * The same problem one level up a field path: {@code segment} is the enclosing field, so
     * {@code "domid"} inside {@code "perms[2]"} becomes {@code "perms[2].domid"}.
     */
    public StreamFormatException atPath(String segment) {
        String joined = context == null ? segment
                : context.startsWith("[") ? segment + context : segment + "." + context;
        return withContext(joined);
    }

    /** The same problem with its context replaced. */
    public StreamFormatException withContext(String newContext) {
        StreamFormatException e = new StreamFormatException(problem, offset, recordIndex, recordType, newContext);
        e.setStackTrace(getStackTrace());
        return e;
    }

    public String problem() {
        return problem;
    }

    public long offset() {
        return offset;
    }

    public long recordIndex() {
        return recordIndex;
    }

    public int recordType() {
        return recordType;
    }

    public String context() {
        return context;
    }

    private static String compose(String problem, long offset, long recordIndex, int recordType,
            String context) {
        StringBuilder sb = new StringBuilder(96);
        sb.append("offset ").append(offset);
        if (recordIndex == IN_HEADER) {
            sb.append(", stream header");
        } else {
            sb.append(", record #").append(recordIndex);
            if (recordType != NO_TYPE) {
                sb.append(" (").append(RecordType.name(recordType)).append(')');
            }
        }
        if (context != null) {
            sb.append(", ").append(context);
        }
        return sb.append(": ").append(problem).toString();
    }
}
