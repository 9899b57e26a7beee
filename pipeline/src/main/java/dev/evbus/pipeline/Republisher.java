package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** Puts a new event onto the app's bus, for the {@code publish} effect; the consumer supplies it. */
@FunctionalInterface
public interface Republisher {
    /** {@code eventId} may be null (the bus then assigns none). */
    void publish(String eventType, String eventId, JsonNode payload) throws IOException;
}
