package dev.evbus.event;

import com.fasterxml.jackson.databind.JsonNode;

/** Shapes one event into the key's output; may call the app's API. Returning {@code null} drops the event. */
@FunctionalInterface
public interface ProcessHook {
    JsonNode process(APIClient api, RawEvent event, Params params) throws Exception;
}
