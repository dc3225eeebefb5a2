package dev.baton.core.describe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bits the integer (or float, or the array's elements) takes on the wire, when fewer than its
 * Java type's: {@code @Width(16) int} is {@code s16}, {@code @Unsigned @Width(32) long} is
 * {@code u32}, {@code @Width(32) double} is {@code f32}. Saving a value that does not fit fails,
 * naming the field, as the builder's kinds do.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Width {
    /** 8, 16, 32 or 64, at most the Java type's width. */
    int value();
}
