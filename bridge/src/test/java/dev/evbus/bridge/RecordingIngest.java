package dev.evbus.bridge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A {@link RemoteIngest} that drops repeated event ids as the bus does and records what it accepted, in order. */
final class RecordingIngest implements RemoteIngest {
    record Accepted(String type, String id, String sourceTime, String payload) {
    }

    /** Guarded by {@code this}. */
    private final Set<String> ids = new HashSet<>();
    private final List<Accepted> accepted = new ArrayList<>();
    private long duplicates;

    @Override
    public synchronized Outcome publish(String eventType, String eventId, String sourceTime, byte[] payload) {
        if (eventType.contains("*")) {
            throw new IllegalArgumentException("event type must not contain '*'");
        }
        if (eventId != null && !ids.add(eventId)) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        accepted.add(new Accepted(eventType, eventId, sourceTime, new String(payload, java.nio.charset.StandardCharsets.UTF_8)));
        return Outcome.ACCEPTED;
    }

    @Override
    public void wake() {
    }

    synchronized List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    synchronized List<String> ids() {
        return accepted.stream().map(Accepted::id).toList();
    }

    synchronized int size() {
        return accepted.size();
    }

    synchronized long duplicates() {
        return duplicates;
    }
}
