package dev.evbus.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON Schema a key promises for its output. A native schema describes the payload of the
 * standard event envelope (the key has no process hook); a custom schema describes whatever the
 * process hook returns. Overrides replace the sub-schema at a JSON Pointer.
 */
public record OutputSchema(Kind kind, JsonNode schema, Map<String, JsonNode> overrides) {

    /** Where the schema applies: to the payload inside the envelope, or to the whole output. */
    public enum Kind { NATIVE, CUSTOM }

    public OutputSchema {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(schema, "schema");
        overrides = Map.copyOf(overrides == null ? Map.of() : overrides);
    }

    public static OutputSchema nativeSchema(JsonNode payloadSchema) {
        return new OutputSchema(Kind.NATIVE, payloadSchema, Map.of());
    }

    public static OutputSchema customSchema(JsonNode outputSchema) {
        return new OutputSchema(Kind.CUSTOM, outputSchema, Map.of());
    }

    public OutputSchema withOverrides(Map<String, JsonNode> pointerOverrides) {
        return new OutputSchema(kind, schema, pointerOverrides);
    }
}
