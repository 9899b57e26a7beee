package dev.evbus.sources.http;

import dev.evbus.sources.Ingest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The bus's publish path for tests: records each call, drops a repeated id as the bus does, fails on type {@code fail}. */
final class FakeIngest implements Ingest {
    record Published(String type, String id, String sourceTime, String payload) {
    }

    /** Guarded by {@code this}. */
    private final List<Published> published = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    final AtomicInteger wakes = new AtomicInteger();

    @Override
    public synchronized Outcome publish(String eventType, String eventId, String sourceTime, byte[] payload) {
        if ("fail".equals(eventType)) {
            throw new IllegalStateException("the log is closed");
        }
        published.add(new Published(eventType, eventId, sourceTime, new String(payload, StandardCharsets.UTF_8)));
        return eventId != null && !ids.add(eventId) ? Outcome.DUPLICATE : Outcome.ACCEPTED;
    }

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }

    synchronized List<Published> published() {
        return List.copyOf(published);
    }
}
