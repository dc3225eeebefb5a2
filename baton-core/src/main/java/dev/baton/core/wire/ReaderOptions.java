package dev.baton.core.wire;

import java.util.Map;
import java.util.Objects;

/**
 * How a {@link RecordReader} reads. Immutable; start from {@link #defaults()}.
 *
 * @param window          the stream format versions this reader accepts
 * @param limits          upper bounds checked before allocating
 * @param applicationTypes record types the application knows, with their names, besides Baton's own;
 *                        the reader refuses other mandatory types and skips other optional ones
 * @param showSkipped     when true, unknown optional records are returned (flagged
 *                        {@link StreamRecord#known()} false) instead of skipped: for tools that list a stream
 * @param problems        what becomes of problems that leave the framing intact (checksum mismatch,
 *                        non-zero padding, unknown mandatory record, misplaced record): thrown
 *                        ({@link Problems#stop()}, the default), or collected while reading goes on, so
 *                        that a verifier can report them all
 */
public record ReaderOptions(VersionWindow window, StreamLimits limits, Map<Integer, String> applicationTypes,
        boolean showSkipped, Problems problems) {

    public ReaderOptions {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(problems, "problems");
        VersionWindow supported = StreamVersions.window();
        if (window.min() < supported.min() || window.max() > supported.max()) {
            throw new IllegalArgumentException("window " + window + " reaches beyond the versions this build reads, "
                    + supported);
        }
        for (int type : applicationTypes.keySet()) {
            if (!RecordType.isApplication(type)) {
                throw new IllegalArgumentException(String.format(
                        "type 0x%08x is not an application type: bit 30 must be set", type));
            }
        }
        applicationTypes = Map.copyOf(applicationTypes);
    }

    /** Every supported version, default limits, no application types, strict. */
    public static ReaderOptions defaults() {
        return new ReaderOptions(VersionWindow.supported(), StreamLimits.DEFAULT, Map.of(), false, Problems.stop());
    }

    public ReaderOptions withWindow(VersionWindow w) {
        return new ReaderOptions(w, limits, applicationTypes, showSkipped, problems);
    }

    public ReaderOptions withLimits(StreamLimits l) {
        return new ReaderOptions(window, l, applicationTypes, showSkipped, problems);
    }

    public ReaderOptions withApplicationTypes(Map<Integer, String> types) {
        return new ReaderOptions(window, limits, types, showSkipped, problems);
    }

    public ReaderOptions withShowSkipped(boolean show) {
        return new ReaderOptions(window, limits, applicationTypes, show, problems);
    }

    /** What becomes of recoverable problems: {@link Problems#collect} them to read on. */
    public ReaderOptions withProblems(Problems p) {
        return new ReaderOptions(window, limits, applicationTypes, showSkipped, p);
    }
}
