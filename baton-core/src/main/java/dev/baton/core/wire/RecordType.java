package dev.baton.core.wire;

/**
 * Record type numbers of the Baton stream and the rules that partition the type space
 * (docs/FORMAT.md, "Record types").
 *
 * <pre>
 *   bit 31      optional: a reader that does not know the type skips the record
 *   bit 30      application-defined: allocated by the application, never by Baton
 *   bits 0-29   the type number proper
 * </pre>
 *
 * Baton allocates core types from {@code 0x0000_0000} upwards in docs/FORMAT.md; an application
 * allocates its own from {@code 0x4000_0000} upwards and sets bit 31 on those an older reader
 * may ignore.
 */
public final class RecordType {
    /** Last record of every stream; empty body. */
    public static final int END = 0x0000_0000;
    /** The saved state of one section instance. */
    public static final int SECTION = 0x0000_0001;
    /** Ends the static part of the stream; empty body. Exactly once, before END. */
    public static final int STATIC_DATA_END = 0x0000_0002;
    /** Optional JSON self-description of the sections, so tools decode without producer code. */
    public static final int DESCRIPTION = 0x8000_0003;

    /** Bit 31: the record may be skipped by a reader that does not know its type. */
    public static final int OPTIONAL = 0x8000_0000;
    /** Bit 30: the type was allocated by an application. */
    public static final int APPLICATION = 0x4000_0000;

    private RecordType() {
    }

    public static boolean isOptional(int type) {
        return (type & OPTIONAL) != 0;
    }

    public static boolean isApplication(int type) {
        return (type & APPLICATION) != 0;
    }

    /** True for the types this version of Baton defines. */
    public static boolean isCore(int type) {
        return type == END || type == SECTION || type == STATIC_DATA_END || type == DESCRIPTION;
    }

    /** The core name of the type, or its number in hex ({@code 0xc0000001}) for any other. */
    public static String name(int type) {
        return switch (type) {
            case END -> "END";
            case SECTION -> "SECTION";
            case STATIC_DATA_END -> "STATIC_DATA_END";
            case DESCRIPTION -> "DESCRIPTION";
            default -> String.format("0x%08x", type);
        };
    }

    /** What kind of type this is, in words: "core", "application-defined", with "optional" when it is. */
    public static String kind(int type) {
        String origin = isApplication(type) ? "application-defined" : isCore(type) ? "core" : "unallocated core";
        return isOptional(type) ? origin + ", optional" : origin + ", mandatory";
    }
}
