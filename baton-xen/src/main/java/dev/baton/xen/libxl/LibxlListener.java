package dev.baton.xen.libxl;

import dev.baton.xen.libxc.LibxcListener;

/** Told what a {@link LibxlVerifier} reads: the libxl header and records, and the libxc stream inside. */
public interface LibxlListener extends LibxcListener {
    default void libxlHeader(LibxlHeader header) throws java.io.IOException {
    }
}
