package dev.baton.migrate.precopy;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A collection of objects keyed by a {@code long} id, each saved through its
 * {@link StateDescription}, with a dirty set of ids. Puts, removals and {@link #update}s mark
 * the id; code that changes an object otherwise calls {@link #markDirty} after the change.
 *
 * <p>A pass saves each dirty object while holding its monitor, and {@link #update} changes it
 * while holding the same monitor, so a pass never sees an object half changed. Removed ids go
 * as OBJECT_REMOVED records. On the target the collection starts empty and fills with new
 * objects made by the description's factory.
 *
 * @param <T> the objects' type
 */
public final class ObjectCollectionRegion<T> implements Region {
    private final String name;
    private final StateDescription<T> description;
    private final ConcurrentHashMap<Long, T> objects = new ConcurrentHashMap<>();
    private final Set<Long> dirty = ConcurrentHashMap.newKeySet();
    private final LongAdder newlyDirty = new LongAdder();
    /** Octets per object, measured as objects are sent; the estimate before any is sent. */
    private volatile long bytesPerObject = 64;

    public ObjectCollectionRegion(String name, StateDescription<T> description) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a region needs a name");
        }
        this.name = name;
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public String name() {
        return name;
    }

    public StateDescription<T> description() {
        return description;
    }

    public T get(long id) {
        return objects.get(id);
    }

    public int size() {
        return objects.size();
    }

    /** Adds or replaces an object and marks its id. */
    public void put(long id, T object) {
        objects.put(id, Objects.requireNonNull(object, "object"));
        markDirty(id);
    }

    /** Removes an object and marks its id, so that the target removes it too. */
    public T remove(long id) {
        T old = objects.remove(id);
        markDirty(id);
        return old;
    }

    /** Changes an object under its monitor, then marks it. Does nothing when there is no such id. */
    public void update(long id, Consumer<T> change) {
        T object = objects.get(id);
        if (object != null) {
            synchronized (object) {
                change.accept(object);
            }
            markDirty(id);
        }
    }

    /** Marks an object changed: call it after the change. */
    public void markDirty(long id) {
        if (dirty.add(id)) {
            newlyDirty.increment();
        }
    }

    /** Every object, id to object, as it is now (a live view: do not change it). */
    public Map<Long, T> view() {
        return java.util.Collections.unmodifiableMap(objects);
    }

    /** Visits every object under its monitor. */
    public void forEach(BiConsumer<Long, T> visitor) {
        objects.forEach((id, o) -> {
            synchronized (o) {
                visitor.accept(id, o);
            }
        });
    }

    @Override
    public long dirtyBytes() {
        return dirty.size() * bytesPerObject;
    }

    @Override
    public long totalBytes() {
        return objects.size() * bytesPerObject;
    }

    @Override
    public void markAllDirty() {
        for (Long id : objects.keySet()) {
            markDirty(id);
        }
    }

    @Override
    public long newlyDirtied() {
        return newlyDirty.sum();
    }

    @Override
    public long unitBytes() {
        return bytesPerObject;
    }

    // ---- for the pre-copy pass and the target ------------------------------------------------

    /** Takes the dirty ids, one by one, clearing each before it is sent (so a later change marks it again). */
    void drainDirty(DirtyVisitor visitor) throws java.io.IOException {
        for (Long id : dirty) {
            if (dirty.remove(id)) {
                visitor.visit(id);
            }
        }
    }

    /** What a pass does with each dirty id. */
    @FunctionalInterface
    interface DirtyVisitor {
        void visit(long id) throws java.io.IOException;
    }

    /** The object of {@code id} for saving, or null when it was removed. */
    T current(long id) {
        return objects.get(id);
    }

    /** Saves one object under its monitor; returns its octets. */
    int save(T object, BodyWriter out, DescriptionContext context) {
        int before = out.length();
        synchronized (object) {
            description.save(object, out, context);
        }
        int n = out.length() - before;
        bytesPerObject = Math.max(1, (bytesPerObject * 7 + n) / 8);
        return n;
    }

    /** Target: empties the collection before a load. */
    void clearForLoad() {
        objects.clear();
        dirty.clear();
    }

    /** Target: loads one object into a new instance. */
    void load(long id, SectionInput in, int version, DescriptionContext context) throws StreamFormatException {
        T object = description.newInstance();
        description.load(object, in, version, context);
        objects.put(id, object);
    }

    /** Target: removes one object. */
    void removeLoaded(long id) {
        objects.remove(id);
    }
}
