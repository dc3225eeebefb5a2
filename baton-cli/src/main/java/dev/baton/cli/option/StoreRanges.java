package dev.baton.cli.option;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The allowed values of the options of {@code baton store ...} and {@code baton demo}, as
 * picocli converters in the manner of {@link Ranges}: a value outside is a usage error naming the
 * option and what is allowed (exit 2), before anything starts.
 */
public final class StoreRanges {
    private StoreRanges() {
    }

    /** A store release this build runs: 1.0 or 2.0. */
    public static final class Release implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return dev.baton.store.server.Release.of(value.strip()).label();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a known release: allowed are "
                        + known());
            }
        }

        private static String known() {
            StringBuilder b = new StringBuilder();
            for (dev.baton.store.server.Release r : dev.baton.store.server.Release.values()) {
                b.append(b.isEmpty() ? "" : " and ").append(r.label());
            }
            return b.toString();
        }
    }

    /** A domain id, as HELLO takes it: 0 (privileged) to 65535. */
    public static final class Domain implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) Ranges.within(value, 0, 65535, "a domain id, 0 to 65535");
        }
    }

    /** How long a dropped connection waits to be resumed: 1 second to a day. */
    public static final class GraceSeconds implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return Ranges.within(value, 1, 86_400, "seconds, 1 to 86400");
        }
    }

    /** How long a live update may take: 1 second to an hour. */
    public static final class TimeoutSeconds implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return Ranges.within(value, 1, 3600, "seconds, 1 to 3600");
        }
    }

    /** A watch's depth: 0 (the path itself) to 65535 (unlimited). */
    public static final class WatchDepth implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) Ranges.within(value, 0, 65535, "a depth, 0 to 65535 (65535: unlimited)");
        }
    }

    /** The nodes the demo fills its store with: 1 to a million (some 140 bytes of heap each). */
    public static final class DemoNodes implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) Ranges.within(value, 1, 1_000_000, "a number of nodes, 1 to 1000000");
        }
    }

    /** The demo's concurrent clients: 1 to 64 (each a thread and a connection). */
    public static final class DemoClients implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) Ranges.within(value, 1, 64, "a number of clients, 1 to 64");
        }
    }

    /** Writes a second in all: 0 (as fast as the store answers) to a million. */
    public static final class WriteRate implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) Ranges.within(value, 0, 1_000_000, "writes a second, 0 to 1000000 (0: no limit)");
        }
    }
}
