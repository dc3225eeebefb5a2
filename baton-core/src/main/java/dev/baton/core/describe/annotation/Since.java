package dev.baton.core.describe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field is on the wire only in section versions {@code >= value()}: the version it came in
 * (the builder's {@code since}). A stream of an older version leaves it at its default: the
 * class's initial value, or 0, false or null for a record's constructor.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Since {
    /** The first version that carries the field: 1 to the description's version. */
    int value();
}
