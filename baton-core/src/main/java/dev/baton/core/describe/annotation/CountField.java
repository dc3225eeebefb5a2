package dev.baton.core.describe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The number of octets or elements is the value of an earlier integer field: a {@code byte[]}
 * so counted is the builder's {@code vbytes}, an array or list its {@code ...Varray} or
 * {@code structVarray}. Saving fails when the field and the length disagree.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface CountField {
    /** The name of an integer field (component) declared before this one. */
    String value();
}
