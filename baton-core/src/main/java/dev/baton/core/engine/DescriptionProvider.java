package dev.baton.core.engine;

import dev.baton.core.describe.StateDescription;
import java.util.Collection;

/**
 * What an application implements to make its descriptions known to tools: {@code baton schema}
 * finds implementations through {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.baton.core.engine.DescriptionProvider} of the application's jar)
 * or by class name. Implementations need a public no-argument constructor.
 */
public interface DescriptionProvider {

    /** The descriptions of the application's sections; nested ones are found by themselves. */
    Collection<StateDescription<?>> descriptions();

    /** The application's releases, so that {@code baton check --profile} can check rollbacks; null when none. */
    default ReleaseProfiles profiles() {
        return null;
    }
}
