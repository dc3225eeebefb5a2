package dev.baton.core.describe;

import dev.baton.core.describe.annotation.EnumId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An enum's stable ids ({@link EnumId} on every constant), for a derived {@code enum} field: the
 * id of a constant by its ordinal, and the constant of an id, from an array indexed by id when
 * the ids are small, else by a binary search (no boxing either way). A record, so that its arrays
 * are constants to the JIT under a description's compiled steps.
 */
record EnumIds<E extends Enum<E>>(Class<E> type, int[] idByOrdinal, E[] byDenseId, int[] sortedIds,
        E[] bySortedId) {
    /** Largest id looked up through an array indexed by id. */
    private static final int DENSE = 1024;

    /** The ids of {@code type}'s constants, or the error naming the constant without one or with another's. */
    static <E extends Enum<E>> EnumIds<E> of(Class<E> type) {
        E[] constants = type.getEnumConstants();
        int[] ids = new int[constants.length];
        Map<Integer, E> seen = new HashMap<>();
        int max = -1;
        boolean nonNegative = true;
        for (E c : constants) {
            EnumId id;
            try {
                id = type.getField(c.name()).getAnnotation(EnumId.class);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e); // every constant is a public field of its enum
            }
            if (id == null) {
                throw new DerivationException(type, c.name(), "every constant needs @EnumId(n): an enum is written"
                        + " as a stable id, never its ordinal");
            }
            E other = seen.putIfAbsent(id.value(), c);
            if (other != null) {
                throw new DerivationException(type, c.name(), "@EnumId(" + id.value() + ") is " + other.name()
                        + "'s id too: each constant needs its own");
            }
            ids[c.ordinal()] = id.value();
            max = Math.max(max, id.value());
            nonNegative &= id.value() >= 0;
        }
        if (nonNegative && max < DENSE) {
            E[] dense = Arrays.copyOf(constants, max + 1);
            Arrays.fill(dense, null);
            for (E c : constants) {
                dense[ids[c.ordinal()]] = c;
            }
            return new EnumIds<>(type, ids, dense, null, null);
        }
        E[] sorted = constants.clone();
        Arrays.sort(sorted, (a, b) -> Integer.compare(ids[a.ordinal()], ids[b.ordinal()]));
        int[] sortedIds = Arrays.stream(sorted).mapToInt(c -> ids[c.ordinal()]).toArray();
        return new EnumIds<>(type, ids, null, sortedIds, sorted);
    }

    int id(E e) {
        return idByOrdinal[e.ordinal()];
    }

    /** The constant of {@code id}, or null. */
    E byId(int id) {
        if (byDenseId != null) {
            return id >= 0 && id < byDenseId.length ? byDenseId[id] : null;
        }
        int i = Arrays.binarySearch(sortedIds, id);
        return i >= 0 ? bySortedId[i] : null;
    }

    /** The builder's enumeration codec of a field holding this enum. */
    Codec<Object> codec(String name, Holder.Accessors a) {
        return Codecs.enumeration(name, type, this::id, this::byId, a.get(), a.set());
    }
}
