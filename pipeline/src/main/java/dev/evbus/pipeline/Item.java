package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.event.RawEvent;

/**
 * One value moving through a pipeline and the bus event it came from. Stages replace
 * {@code value} (never mutate a value they received: a route or an effect may still hold it)
 * and keep {@code envelope}, so routing by type, {@code $event} and dead letters see the source.
 * Aggregating stages emit items whose envelope is that of the last event they took in.
 */
public record Item(JsonNode value, RawEvent envelope) {
    public Item withValue(JsonNode replacement) {
        return new Item(replacement, envelope);
    }
}
