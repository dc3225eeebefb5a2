package dev.baton.core.describe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fixed number of octets or elements: a {@code byte[]} of exactly {@code value()} octets (the
 * builder's {@code bytes}), or an array or list of exactly {@code value()} elements (its
 * {@code intArray}, {@code longArray}, {@code doubleArray}, {@code structArray}). Nothing of the
 * count is on the wire; saving another number of elements fails.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Size {
    /** The number of octets or elements. */
    int value();
}
