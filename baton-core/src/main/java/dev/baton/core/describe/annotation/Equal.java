package dev.baton.core.describe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Loading fails when the stream's value differs from the object's own (the builder's
 * {@code equal}): for scalar, string and enum fields of a class, which load in place. A record
 * has no value of its own before it loads, so it cannot take this.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Equal {
}
