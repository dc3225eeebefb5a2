package dev.baton.core.describe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name, versions and priority of the description derived from a record or class, as the
 * builder's {@code builder(name)}, {@code version}, {@code minimumVersion} and {@code priority}
 * set them. Without it a type is described as its simple name with a lower-case first letter
 * ({@code MediaContent} as {@code mediaContent}), at version 1.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Description {
    /** The description's name; empty: the type's simple name with a lower-case first letter. */
    String name() default "";

    /** The version this build writes. */
    int version() default 1;

    /** The lowest version this build loads. */
    int minimumVersion() default 1;

    /** Sections of higher priority are saved first. */
    int priority() default 0;
}
