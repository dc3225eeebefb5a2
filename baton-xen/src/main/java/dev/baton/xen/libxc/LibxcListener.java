package dev.baton.xen.libxc;

import dev.baton.xen.stream.XenRecord;

/**
 * Told what a {@link LibxcVerifier} reads. Headers are announced before they are consumed and
 * records both before (so a converter can insert one ahead) and after (with what they say).
 */
public interface LibxcListener {
    default void imageHeader(ImageHeader header) throws java.io.IOException {
    }

    default void domainHeader(DomainHeader header) throws java.io.IOException {
    }

    /** A libxc record of {@code type} is about to be read; nothing of it is consumed yet. */
    default void beforeRecord(int type) throws java.io.IOException {
    }

    /** A record was read and checked (libxc, or libxl when the listener listens to both). */
    default void record(XenRecord record) throws java.io.IOException {
    }
}
