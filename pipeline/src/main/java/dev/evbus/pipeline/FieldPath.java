package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A dotted path into an event, such as {@code data.user_id}, as stage options write fields. Reading
 * gives null for anything missing; {@link #with} returns a new object and leaves the input alone,
 * copying only the objects along the path, so a value another branch still holds never changes.
 */
public final class FieldPath {
    private final String text;
    private final String[] parts;

    private FieldPath(String text) {
        this.text = text;
        this.parts = text.split("\\.", -1);
    }

    /** Parses {@code text}; an empty segment (a leading, trailing or double dot) is a problem at {@code option}. */
    public static FieldPath parse(Options options, String option, String text) {
        if (text.isEmpty() || List.of(text.split("\\.", -1)).contains("")) {
            options.problem(option, "\"" + text + "\" is not a field path (write names joined by dots, such as data.user_id)");
        }
        return new FieldPath(text);
    }

    public static FieldPath of(String text) {
        return new FieldPath(text);
    }

    /** The value at this path, or null when any step is missing or not an object. */
    public JsonNode get(JsonNode root) {
        JsonNode node = root;
        for (String part : parts) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    /**
     * A copy of {@code root} with {@code value} at this path; missing objects along it are created,
     * an existing field keeps its place, a new one goes last.
     */
    public ObjectNode with(JsonNode root, JsonNode value) throws StageFailure {
        if (root == null || !root.isObject()) {
            throw new StageFailure("cannot set field \"" + text + "\": the event is "
                    + (root == null ? "missing" : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)) + ", not an object");
        }
        ObjectNode copy = shallowCopy((ObjectNode) root);
        ObjectNode parent = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            ObjectNode next;
            if (child == null || child.isNull()) {
                next = JsonNodeFactory.instance.objectNode();
            } else if (child.isObject()) {
                next = shallowCopy((ObjectNode) child);
            } else {
                throw new StageFailure("cannot set field \"" + text + "\": \"" + parts[i] + "\" is not an object");
            }
            parent.set(parts[i], next);
            parent = next;
        }
        parent.set(parts[parts.length - 1], value);
        return copy;
    }

    /** A new object with the same fields in the same order, sharing their values. */
    private static ObjectNode shallowCopy(ObjectNode node) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        copy.setAll(node);
        return copy;
    }

    @Override
    public String toString() {
        return text;
    }
}
