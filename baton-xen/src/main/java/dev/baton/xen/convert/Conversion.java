package dev.baton.xen.convert;

import dev.baton.xen.XenFormat;
import dev.baton.xen.libxc.DomainHeader;

/**
 * What a v2 to v3 conversion did.
 *
 * @param format       the input's format (libxc, or libxl around libxc)
 * @param domain       the libxc domain header
 * @param insertedAt   index in the output's libxc records of the STATIC_DATA_END inserted
 * @param insertedBefore the record type it went before (END when the stream has neither memory nor p2m)
 * @param inputOctets  octets read
 * @param outputOctets octets written
 */
public record Conversion(XenFormat format, DomainHeader domain, long insertedAt, String insertedBefore,
        long inputOctets, long outputOctets) {
}
