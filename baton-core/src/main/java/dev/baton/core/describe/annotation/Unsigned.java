package dev.baton.core.describe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The integer (or the integer array's elements) is unsigned on the wire: {@code u8} for a
 * {@code byte}, {@code u16} for a {@code short}, {@code u32} for an {@code int}, {@code u64} for
 * a {@code long}, or the width {@link Width} says. The Java value holds the unsigned bits: an
 * {@code int} holding u32 4294967295 is -1, as {@link Integer#toUnsignedLong} reads it. Without
 * it, integers are signed, as Java's are ({@code char} is always unsigned).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Unsigned {
}
