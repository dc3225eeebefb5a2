package dev.baton.migrate.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects a session's events, for assertions. */
final class Recorder implements MigrationListener {
    final List<MigrationEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void event(MigrationEvent e) {
        events.add(e);
    }

    <T extends MigrationEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends MigrationEvent> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " in " + events);
        }
        return found.getFirst();
    }
}
