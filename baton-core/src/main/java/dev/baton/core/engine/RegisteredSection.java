package dev.baton.core.engine;

import dev.baton.core.describe.StateDescription;

/**
 * One section instance in a {@link SectionRegistry}: its identity on the wire, its description
 * and the live object it saves from and loads into.
 *
 * @param idstr       the section's name on the wire
 * @param instanceId  which instance
 * @param description how the object is saved and loaded
 * @param object      the object itself
 * @param part        static or dynamic
 * @param <T>         the object's type
 */
public record RegisteredSection<T>(String idstr, int instanceId, StateDescription<T> description, T object, Part part) {

    /** "idstr/instance". */
    public String name() {
        return idstr + "/" + Integer.toUnsignedString(instanceId);
    }
}
