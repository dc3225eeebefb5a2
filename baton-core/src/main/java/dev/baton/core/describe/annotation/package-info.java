/**
 * The annotations of derived descriptions ({@link dev.baton.core.describe.Derivation}): a record's
 * components or a class's fields say, where their Java type does not, what the builder's
 * qualifiers and kinds say ({@code since}, {@code when}, {@code u32}, {@code vbytes}, ...). Each
 * is named as the builder names its concept; docs/DESCRIPTIONS.md, "Derived descriptions", has
 * the table.
 */
package dev.baton.core.describe.annotation;
