package dev.baton.core.describe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable numeric id an enum constant is written as (the builder's {@code enumeration}): never
 * its ordinal, so that constants can be added and reordered. Every constant of an enum that a
 * derived description holds needs one, each id its own; never reuse an id.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface EnumId {
    /** The id on the wire (a u32). */
    int value();
}
