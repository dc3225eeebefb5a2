package dev.baton.migrate.precopy;

/**
 * State too big to stop for: sent while the application runs, in passes that resend what
 * changed since the last one, then once more, the little that is left, while it is paused.
 * Either bulk memory in pages ({@link PagedRegion}: byte arrays, byte buffers, memory segments)
 * or a collection of described objects keyed by id ({@link ObjectCollectionRegion}).
 *
 * <p>The application marks what it changes (or uses the regions' write-through helpers, which
 * mark for it), always <em>after</em> the change.
 */
public sealed interface Region permits PagedRegion, ObjectCollectionRegion {

    /** The region's name, the same on source and target. */
    String name();

    /** Octets a pass would send for what is dirty now (an estimate for object collections). */
    long dirtyBytes();

    /** Octets of the whole region (an estimate for object collections). */
    long totalBytes();

    /** Marks everything dirty: each session starts by sending the whole region. */
    void markAllDirty();

    /** Units that went from clean to dirty so far (pages, or objects): the dirty rate comes from it. */
    long newlyDirtied();

    /** Octets one unit of {@link #newlyDirtied()} stands for. */
    long unitBytes();
}
