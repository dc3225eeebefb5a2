/**
 * Pre-copy: {@link dev.baton.migrate.precopy.Region}s of state too big to stop for (paged
 * memory with dirty bitmaps, object collections with dirty sets), the pass that sends what is
 * dirty ({@link dev.baton.migrate.precopy.RegionSender}), the receiver that checks and loads it,
 * and the estimator that decides when to switch over.
 */
package dev.baton.migrate.precopy;
