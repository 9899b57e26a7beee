package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.protocol.EventRules;

/**
 * What makes one posted event publishable: {@code id} a non-empty string and {@code type} an exact
 * event type, both by {@link EventRules} (no {@code *} in a type, no control character nor lone surrogate),
 * {@code source} a string, {@code timestamp} whole milliseconds since the epoch, {@code data}
 * present (any JSON). Other fields are allowed and kept in the payload.
 */
final class EventCheck {
    private EventCheck() {
    }

    /** Null when {@code event} is publishable, else what is wrong, naming the field. */
    static String problem(JsonNode event) {
        if (!event.isObject()) {
            return "an event must be a JSON object {\"id\",\"type\",\"source\",\"timestamp\",\"data\"}, not "
                    + kind(event);
        }
        JsonNode id = event.get("id");
        if (id == null) {
            return "id is required (a non-empty string)";
        }
        if (!id.isTextual() || id.asText().isEmpty()) {
            return "id must be a non-empty string, not " + describe(id);
        }
        String idProblem = EventRules.idProblem(id.asText());
        if (idProblem != null) {
            return "id " + idProblem;
        }
        String typeProblem = typeProblem(event.get("type"));
        if (typeProblem != null) {
            return typeProblem;
        }
        JsonNode source = event.get("source");
        if (source == null) {
            return "source is required (a string naming where the event comes from)";
        }
        if (!source.isTextual()) {
            return "source must be a string, not " + describe(source);
        }
        JsonNode timestamp = event.get("timestamp");
        if (timestamp == null) {
            return "timestamp is required (milliseconds since the epoch, such as 1700000000000)";
        }
        if (!timestamp.isIntegralNumber() || !timestamp.canConvertToLong() || timestamp.asLong() < 0) {
            return "timestamp must be a whole number of milliseconds since the epoch (0 or more), not " + describe(timestamp);
        }
        if (!event.has("data")) {
            return "data is required (any JSON value)";
        }
        return null;
    }

    private static String typeProblem(JsonNode type) {
        if (type == null) {
            return "type is required (an event type such as order.placed)";
        }
        if (!type.isTextual()) {
            return "type must be a string such as order.placed, not " + describe(type);
        }
        String problem = EventRules.typeProblem(type.asText());
        return problem == null ? null : "type " + problem;
    }

    /** True when {@code text} is an id {@link #problem} accepts: not empty, and {@link EventRules#idProblem} finds nothing wrong. */
    static boolean isId(String text) {
        return !text.isEmpty() && EventRules.idProblem(text) == null;
    }

    /** True when {@code text} is a type {@link #problem} accepts: {@link EventRules#typeProblem} finds nothing wrong. */
    static boolean isExactType(String text) {
        return EventRules.typeProblem(text) == null;
    }

    /** A short, quoted rendering of a bad value for a message: its JSON text, cut at 40 characters. */
    static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
