package dev.baton.xen;

import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import dev.baton.xen.libxc.DomainHeader;
import dev.baton.xen.libxc.ImageHeader;
import dev.baton.xen.libxc.LibxcVerifier;
import dev.baton.xen.libxl.LibxlHeader;
import dev.baton.xen.libxl.LibxlListener;
import dev.baton.xen.libxl.LibxlVerifier;
import dev.baton.xen.xenstore.XenstoreReadOptions;
import dev.baton.xen.xenstore.XenstoreReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a whole Xen stream, of any of the three formats, and collects every problem instead of
 * stopping at the first, as far as the framing allows: what {@code baton xen verify} reports.
 * libxc and libxl streams go through {@link LibxcVerifier} and {@link LibxlVerifier}, xenstore
 * streams through {@link XenstoreReader}, all with core's {@link Problems}: recoverable problems
 * are collected and checking goes on, a fatal one ends it.
 */
public final class XenVerifier {
    private XenVerifier() {
    }

    /**
     * What verifying found.
     *
     * @param format   the stream's format, or null when it could not be told
     * @param stream   what the headers say ("libxl v2, little-endian around libxc v2 x86 HVM, little-endian"),
     *                 or null when they were not read
     * @param problems every problem, in stream order; the last one may have ended checking
     * @param records  records read (a libxl stream's and its libxc stream's together)
     * @param octets   where checking ended: after the last octet, for a valid stream
     */
    public record Verdict(XenFormat format, String stream, List<StreamFormatException> problems, long records,
            long octets) {
        public Verdict {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /**
     * Reads the whole of {@code in}, which must end with the stream.
     *
     * @param asked the format, or null to tell it from the first octets ({@link XenFormat#of})
     */
    public static Verdict verify(WireInput in, XenFormat asked) throws IOException {
        List<StreamFormatException> problems = new ArrayList<>();
        Problems collect = Problems.collect(problems::add);
        Headers headers = new Headers();
        XenFormat format = null;
        long records = 0;
        try {
            format = XenFormat.of(in, asked);
            switch (format) {
                case XENSTORE -> {
                    try (XenstoreReader r = XenstoreReader.open(in, XenstoreReadOptions.defaults().withProblems(collect))) {
                        headers.what = "xenstore v" + r.header().version() + ", " + r.header().orderName();
                        r.readAll();
                        records = r.records();
                        r.expectEndOfInput();
                    }
                }
                case LIBXC -> records = LibxcVerifier.verify(in, collect, headers).records();
                case LIBXL -> records = LibxlVerifier.verify(in, collect, headers).allRecords();
            }
        } catch (StreamFormatException e) {
            problems.add(e); // fatal: nothing after it can be trusted
        }
        return new Verdict(format, headers.what, problems, records, in.offset());
    }

    /** Hears the headers as they pass, to say what the stream is. */
    private static final class Headers implements LibxlListener {
        private String what;
        private ImageHeader image;
        private String libxl;

        @Override
        public void libxlHeader(LibxlHeader h) {
            libxl = "libxl v" + h.version() + ", " + h.orderName();
            what = libxl;
        }

        @Override
        public void imageHeader(ImageHeader h) {
            image = h;
        }

        @Override
        public void domainHeader(DomainHeader d) {
            String libxc = "libxc v" + image.version() + " " + d.guestName() + ", " + image.orderName();
            what = libxl == null ? libxc : libxl + " around " + libxc;
        }
    }
}
