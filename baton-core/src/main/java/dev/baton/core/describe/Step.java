package dev.baton.core.describe;

import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;

/**
 * One step of saving and loading a description's fields: a field, a sequence of steps, or the
 * compiled class that holds a whole description's steps as a constant.
 *
 * <p>Every implementation is a record or a hidden class, whose final fields the JIT trusts as
 * constants: from the constant root of a description's {@link StepCompiler compiled} steps it
 * can then inline each field's codec and accessors, which a loop over a table of lambdas never
 * lets it do (every call there has one target per field).
 */
interface Step<T> {

    void save(T obj, BodyWriter out, DescriptionContext ctx);

    void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException;
}
