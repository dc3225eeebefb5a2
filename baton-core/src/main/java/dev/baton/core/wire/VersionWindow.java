package dev.baton.core.wire;

/**
 * The range of stream format versions a reader supports, {@code [min, max]}.
 *
 * <p>A stream declares that readers of {@code [compat_version, version]} can read it. A reader
 * reads it when the two ranges meet, at the highest version both sides know:
 * {@code min(max, version)}. When they do not meet, {@link #negotiate} fails naming both.
 *
 * @param min lowest version this reader reads
 * @param max highest version this reader reads
 */
public record VersionWindow(int min, int max) {

    public VersionWindow {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("bad version window [" + min + ", " + max + "]");
        }
    }

    /** Every version this build of Baton can read. */
    public static VersionWindow supported() {
        return StreamVersions.window();
    }

    public boolean contains(int version) {
        return version >= min && version <= max;
    }

    /**
     * The version at which a stream with this preamble is read.
     *
     * @throws StreamFormatException when the stream's readable range and this window do not meet
     */
    public int negotiate(Preamble preamble) throws StreamFormatException {
        int chosen = Math.min(max, preamble.version());
        if (chosen < Math.max(min, preamble.compatVersion())) {
            throw StreamFormatException.inHeader("unsupported stream version " + preamble.version()
                    + ": the stream can be read by readers of versions [" + preamble.compatVersion() + ", "
                    + preamble.version() + "], this reader reads [" + min + ", " + max + "]", 8);
        }
        return chosen;
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
