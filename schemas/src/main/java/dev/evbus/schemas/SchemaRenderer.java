package dev.evbus.schemas;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns a key's declared schema into the schema of one output line, so that every consumer of
 * {@code evbus schema} sees the same envelope and the same overrides the key promised.
 * Never mutates its inputs: schemas come from shared, immutable key definitions.
 */
public final class SchemaRenderer {
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaRenderer() {
    }

    /** The schema of an output line: the envelope for a native key, the custom schema otherwise, then overrides. */
    public static JsonNode render(boolean nativeKind, JsonNode schema, Map<String, JsonNode> overrides) {
        JsonNode base = nativeKind ? envelope(schema) : custom(schema);
        return applyOverrides(base, overrides);
    }

    /** The standard event envelope, with {@code payloadSchema} describing its payload. */
    public static JsonNode envelope(JsonNode payloadSchema) {
        Objects.requireNonNull(payloadSchema, "payloadSchema");
        ObjectNode properties = NODES.objectNode();
        properties.set("event_id", described(NODES.objectNode().put("type", "string"),
                "Id the publisher gave the event, used to drop duplicates; absent when it gave none."));
        properties.set("event_type", described(NODES.objectNode().put("type", "string"),
                "Type of the event, e.g. order.created."));
        properties.set("source_time", described(NODES.objectNode().put("type", "string").put("pattern", "^[0-9]+$"),
                "When the event happened at its source, in milliseconds since the Unix epoch, as decimal digits."));
        properties.set("offset", described(NODES.objectNode().put("type", "integer").put("minimum", 1),
                "Place of the event in the app's log, strictly increasing and the same for every consumer; --since offset:N and"
                        + " --until offset:N name it."));
        properties.set("seq", described(NODES.objectNode().put("type", "integer").put("minimum", 1),
                "Sequence number of the event on this consumer's connection to the bus, starting at 1."));
        properties.set("payload", withoutDialect(payloadSchema));

        ObjectNode envelope = NODES.objectNode().put("$schema", DIALECT).put("type", "object");
        envelope.set("properties", properties);
        envelope.set("required", NODES.arrayNode().add("event_type").add("source_time").add("offset").add("seq").add("payload"));
        return envelope;
    }

    /** A custom schema as given, declaring the JSON Schema dialect when it does not already. */
    public static JsonNode custom(JsonNode outputSchema) {
        Objects.requireNonNull(outputSchema, "outputSchema");
        if (!(outputSchema instanceof ObjectNode object) || object.has("$schema")) {
            return outputSchema.deepCopy();
        }
        // A fresh node so that $schema comes first when printed.
        ObjectNode copy = NODES.objectNode().put("$schema", DIALECT);
        copy.setAll(object.deepCopy());
        return copy;
    }

    /**
     * A copy of {@code schema} with the node at each JSON Pointer replaced by its override.
     * Pointers apply in sorted order, so an ancestor's override lands before a descendant's
     * refines it whatever the map's iteration order.
     *
     * @throws IllegalArgumentException naming the pointer when it is malformed or its parent is missing
     */
    public static JsonNode applyOverrides(JsonNode schema, Map<String, JsonNode> overrides) {
        Objects.requireNonNull(schema, "schema");
        JsonNode result = schema.deepCopy();
        for (Map.Entry<String, JsonNode> override : new TreeMap<>(overrides).entrySet()) {
            result = replaceAt(result, override.getKey(), override.getValue().deepCopy());
        }
        return result;
    }

    private static JsonNode replaceAt(JsonNode root, String pointerText, JsonNode replacement) {
        JsonPointer pointer = compile(pointerText);
        if (pointer.matches()) {
            return replacement;
        }
        JsonPointer parentPointer = pointer.head();
        JsonNode parent = root.at(parentPointer);
        JsonPointer leaf = pointer.last();
        if (parent instanceof ObjectNode object) {
            object.set(leaf.getMatchingProperty(), replacement);
        } else if (parent instanceof ArrayNode array) {
            int index = leaf.getMatchingIndex();
            if (index < 0 || index >= array.size()) {
                throw overrideError(pointerText, "the array at \"" + parentPointer
                        + "\" has no index " + leaf.getMatchingProperty() + " (size " + array.size() + ")");
            }
            array.set(index, replacement);
        } else {
            throw overrideError(pointerText, "no object or array at its parent \"" + parentPointer + "\"");
        }
        return root;
    }

    private static JsonPointer compile(String pointerText) {
        try {
            return JsonPointer.compile(pointerText);
        } catch (IllegalArgumentException malformed) {
            throw overrideError(pointerText, "not a JSON Pointer (must be empty or start with '/')");
        }
    }

    private static IllegalArgumentException overrideError(String pointer, String problem) {
        return new IllegalArgumentException("schema override at \"" + pointer + "\": " + problem);
    }

    private static ObjectNode described(ObjectNode property, String description) {
        return property.put("description", description);
    }

    // JSON Schema allows $schema only at a schema resource's root, so a payload schema written
    // as a standalone document loses it when it becomes a sub-schema of the envelope.
    private static JsonNode withoutDialect(JsonNode payloadSchema) {
        JsonNode copy = payloadSchema.deepCopy();
        if (copy instanceof ObjectNode object) {
            object.remove("$schema");
        }
        return copy;
    }
}
