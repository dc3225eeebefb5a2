package dev.baton.bench.describe;

/**
 * One library's way of saving a {@link Subject}'s value into a reused buffer and loading it back
 * into new objects. The benchmarks call the implementations directly, never through this type.
 */
public interface ValueCodec {
    /** Encodes the value into this codec's reused buffer; returns the octets of the value. */
    int save();

    /** Decodes {@link #encoded()} into new objects. */
    Object load() throws Exception;

    /** The octets of the value as {@link #save} produces them (a copy). */
    byte[] encoded();
}
