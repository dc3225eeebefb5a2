package dev.baton.core.describe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check that must hold once the object is loaded (the builder's {@code validate}, or
 * {@code validateExplained}), or loading fails with {@link #message()}: the named method is
 * {@code boolean name()}, true when the object holds together, or {@code String name()}, null
 * then and otherwise what broke. A record's run on the constructed record, after its compact
 * constructor. Repeatable; they run in the order written.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Validate.List.class)
public @interface Validate {
    /** The method, with no parameters, returning boolean or String. */
    String method();

    /** The rule, which the description's JSON lists and a failed load reports. */
    String message();

    /** Several validations of one type. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        /** The validations, in order. */
        Validate[] value();
    }
}
