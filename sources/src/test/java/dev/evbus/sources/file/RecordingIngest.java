package dev.evbus.sources.file;

import dev.evbus.sources.Ingest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An Ingest that records what it is given and, like the bus, answers a repeated id as a duplicate. */
final class RecordingIngest implements Ingest {
    record Published(String type, String id, String sourceTime, String payload) {
    }

    final List<Published> published = new ArrayList<>();
    final Set<String> ids = new HashSet<>();
    int wakes;
    int duplicates;
    /** The next this many publishes fail the way a stopping bus would. */
    int failNext;

    @Override
    public synchronized Outcome publish(String eventType, String eventId, String sourceTime, byte[] payload) {
        if (failNext > 0) {
            failNext--;
            throw new IllegalStateException("the bus is stopping");
        }
        if (eventId != null && !ids.add(eventId)) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        published.add(new Published(eventType, eventId, sourceTime, new String(payload, StandardCharsets.UTF_8)));
        return Outcome.ACCEPTED;
    }

    @Override
    public synchronized void wake() {
        wakes++;
    }

    synchronized List<String> payloads() {
        return published.stream().map(Published::payload).toList();
    }
}
