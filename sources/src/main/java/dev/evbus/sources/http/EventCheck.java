package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What makes one posted event publishable: {@code id} a non-empty string, {@code type} an exact
 * event type (letters, digits, {@code . _ -}; no {@code *}, which only subscriptions use),
 * {@code source} a string, {@code timestamp} whole milliseconds since the epoch, {@code data}
 * present (any JSON). Other fields are allowed and kept in the payload.
 */
final class EventCheck {
    static final int MAX_TYPE_LENGTH = 255;

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
        String text = type.asText();
        if (text.isEmpty()) {
            return "type must not be empty";
        }
        if (text.indexOf('*') >= 0) {
            return "type must be an exact event type; '*' is only for subscriptions";
        }
        if (text.length() > MAX_TYPE_LENGTH) {
            return "type is longer than " + MAX_TYPE_LENGTH + " characters";
        }
        if (!onlyTypeCharacters(text)) {
            return "type may hold only letters, digits, '.', '_' and '-', not " + describe(type);
        }
        return null;
    }

    /** True when {@code text} is a type {@link #problem} accepts: 1 to 255 characters of letters, digits, {@code . _ -}. */
    static boolean isExactType(String text) {
        return !text.isEmpty() && text.length() <= MAX_TYPE_LENGTH && onlyTypeCharacters(text);
    }

    /** Letters, digits, {@code . _ -} only (ASCII): a loop, as a regular expression costs more than the rest of the check. */
    private static boolean onlyTypeCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
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
