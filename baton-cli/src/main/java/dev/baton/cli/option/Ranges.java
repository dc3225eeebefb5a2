package dev.baton.cli.option;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Numeric option values with their allowed range, as picocli converters: a value outside the
 * range is a usage error that names the option and the range (exit 2), never an exception from
 * deep inside the library. Use them as {@code @Option(converter = Ranges.Port.class)}.
 */
public final class Ranges {
    private Ranges() {
    }

    /** A TCP port to connect to or listen on: 1 to 65535. */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) within(value, 1, 65535, "a port, 1 to 65535");
        }
    }

    /** A port to listen on, where 0 asks for any free one: 0 to 65535. */
    public static final class PortOrAny implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) within(value, 0, 65535, "a port, 0 to 65535 (0: any free port)");
        }
    }

    /** A count that must be at least one: 1 to 2^31-1. */
    public static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) within(value, 1, Integer.MAX_VALUE, "a whole number, 1 or more");
        }
    }

    /** A count, rate or size where 0 is allowed (often meaning "none" or "unlimited"). */
    public static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) within(value, 0, Integer.MAX_VALUE, "a whole number, 0 or more");
        }
    }

    /** A duration in milliseconds or any other long quantity that must be at least one. */
    public static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return within(value, 1, Long.MAX_VALUE, "a whole number, 1 or more");
        }
    }

    /** A long quantity where 0 is allowed (often meaning "none" or "unlimited"). */
    public static final class NonNegativeLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return within(value, 0, Long.MAX_VALUE, "a whole number, 0 or more");
        }
    }

    /**
     * Parses {@code value} as a decimal integer within {@code [min, max]}; otherwise says what is
     * allowed. Picocli puts the option's name in front of the message.
     */
    public static long within(String value, long min, long max, String allowed) {
        long v;
        try {
            v = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not " + allowed);
        }
        if (v < min || v > max) {
            throw new TypeConversionException(value + " is out of range: allowed is " + allowed);
        }
        return v;
    }
}
