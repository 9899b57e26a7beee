package dev.evbus.event.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.event.APIClient;
import dev.evbus.event.Params;
import dev.evbus.event.RawEvent;

/**
 * A plugin's own stage: turns one event into its replacement. Returning {@code null} filters the
 * event out (counted as filtered); throwing fails this event only (a warning, counted as failed).
 */
@FunctionalInterface
public interface JavaStage {
    JsonNode apply(JsonNode event, RawEvent envelope, Params params, APIClient api) throws Exception;
}
