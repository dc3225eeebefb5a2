package dev.baton.core.describe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field is on the wire only when the named test holds (the builder's {@code when}, QEMU's
 * {@code _TEST}); the name is the field's {@code when} label in JSON. It names, in this order:
 * a {@code boolean} field or record component declared before this one; a method
 * {@code boolean name()} or {@code boolean name(Context)} of a class, which on load sees the
 * fields loaded so far; or a {@code static boolean name(Context)}. A record has no object while
 * it loads, so there only a component or a static method will do.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface When {
    /** The field, component or method that decides. */
    String value();
}
