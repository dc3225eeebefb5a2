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

    /** Connections of a migration (docs/MIGRATION.md, "Channels"): 1 to 16. */
    public static final class Channels implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) within(value, 1, 16, "a number of channels, 1 to 16");
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

    /** The longest timeout in milliseconds: 2^31-1 ms, some 24 days (socket timeouts are ints). */
    public static final long MAX_MILLIS = Integer.MAX_VALUE;

    /** A timeout in milliseconds: 1 ms to some 24 days. */
    public static final class Millis implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return within(value, 1, MAX_MILLIS, "a duration in ms, 1 to " + MAX_MILLIS + " (some 24 days)");
        }
    }

    /** A duration in milliseconds where 0 is allowed: 0 to some 24 days. */
    public static final class MillisOrZero implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return within(value, 0, MAX_MILLIS, "a duration in ms, 0 to " + MAX_MILLIS + " (some 24 days)");
        }
    }

    /** A wait in seconds, where 0 means for ever: 0 to some 24 days. */
    public static final class SecondsOrForever implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return within(value, 0, MAX_MILLIS / 1000, "a duration in seconds, 0 to " + MAX_MILLIS / 1000
                    + " (some 24 days; 0: for ever)");
        }
    }

    /** A rate in megabytes (10^6 octets) a second, where 0 means no limit: 0 to 10^6 (a terabyte a second). */
    public static final class MegabytesPerSecond implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return within(value, 0, 1_000_000, "a rate in MB/s, 0 to 1000000 (0: no limit)");
        }
    }

    /**
     * Where to send to: {@code HOST:PORT} with a port from 1 to 65535, or else a file or {@code -};
     * the text is kept as it is ({@link Endpoint#parse} tells which it is). A file whose name
     * looks like {@code HOST:PORT} is named with a directory, e.g. {@code ./a:1}.
     */
    public static final class EndpointOrFile implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            Endpoint e = Endpoint.parse(value, "");
            if (e != null && (e.port() < 1 || e.port() > 65535)) {
                throw new TypeConversionException("port " + portText(value) + " of " + value + " is out of range: "
                        + "allowed is HOST:PORT with a port 1 to 65535, a file, or - for standard output");
            }
            return value;
        }
    }

    /** Where to listen: {@code [HOST:]PORT} with a port from 0 (any free one) to 65535; no host is every address. */
    public static final class ListenAddress implements ITypeConverter<Endpoint> {
        private static final String ALLOWED = "[HOST:]PORT with a port 0 to 65535 (0: any free port)";

        @Override
        public Endpoint convert(String value) {
            Endpoint e = value.matches("[0-9]+") ? Endpoint.parse(":" + value, "") : Endpoint.parse(value, "");
            if (e == null) {
                throw new TypeConversionException("'" + value + "' is not " + ALLOWED);
            }
            if (e.port() > 65535) {
                throw new TypeConversionException("port " + portText(value) + " is out of range: allowed is "
                        + ALLOWED);
            }
            return e;
        }
    }

    private static String portText(String endpoint) {
        return endpoint.substring(endpoint.lastIndexOf(':') + 1);
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
            if (value.strip().matches("[+-]?[0-9]+")) { // a whole number, past what a long holds
                throw new TypeConversionException(value + " is out of range: allowed is " + allowed);
            }
            throw new TypeConversionException("'" + value + "' is not " + allowed);
        }
        if (v < min || v > max) {
            throw new TypeConversionException(value + " is out of range: allowed is " + allowed);
        }
        return v;
    }
}
