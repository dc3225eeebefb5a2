package dev.baton.core.describe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The nested record or class is a subsection rather than a field (the builder's
 * {@code subsection}): written after the fields, under the name {@code parent/member}, when
 * it is not null, the release profile leaves {@link #gate()} on, and {@link #needed()} holds;
 * it carries its type's own version ({@link Description}). A stream without it leaves the
 * member as it was (a class) or null (a record's constructor).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface AsSubsection {
    /**
     * A method of the parent, {@code boolean name()} or {@code boolean name(Context)}, or a
     * {@code static boolean name(Context)}, that says whether to write it; empty: whenever the
     * member is not null.
     */
    String needed() default "";

    /** A feature property that a release profile pins off to leave it out; empty: none. */
    String gate() default "";
}
