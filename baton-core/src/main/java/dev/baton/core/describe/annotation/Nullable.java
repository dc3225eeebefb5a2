package dev.baton.core.describe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value may be null: a {@code String} so marked is the builder's {@code nullableString}
 * ({@code nstring}), a nested record or class its {@code nullable}. Without it, saving a null
 * string or nested value fails, naming the field.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Nullable {
}
