package dev.baton.xen.xenstore;

import dev.baton.core.wire.Printable;
import java.util.Objects;

/**
 * A named quota value, as GLOBAL_QUOTA_DATA and DOMAIN_DATA carry them: the values as u32s, then
 * the names as NUL-terminated strings in the same order.
 *
 * @param name  the quota's name, as GET_QUOTA knows it or implementation-specific
 * @param value the limit; 0 means unlimited
 */
public record Quota(String name, long value) {
    public Quota {
        Fields.cString("quota name", Objects.requireNonNull(name, "name"));
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a quota name is not empty");
        }
        Fields.u32("quota value", value);
    }

    @Override
    public String toString() {
        return Printable.of(name) + "=" + (value == 0 ? "unlimited" : Long.toString(value));
    }
}
