package dev.evbus.sources.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fast path of {@code POST /events} and {@code POST /events/batch}: an event already written the way {@link JsonBodies#compact}
 * would write it is published as the bytes received, after one streaming pass, instead of being
 * parsed into a tree and serialised again (together more than half of the source's own time per
 * event). Anything else gets {@code null}, and the tree path decides and answers, so answers and
 * payloads stay byte for byte what the tree path gives:
 *
 * <ul>
 * <li>not compact: whitespace between tokens, a byte over 0x7F (left to the tree path rather than
 * reasoning about how UTF-8 round-trips), an escape the serialiser would write otherwise
 * ({@code \/}, {@code \}{@code u…}), a decimal whose text is not {@link java.math.BigDecimal#toString}'s
 * ({@code 1e5}, {@code 0.0000001}), or {@code -0};</li>
 * <li>not valid JSON, not one object, a duplicate field (the parser's strict check), or an event
 * {@link EventCheck} refuses.</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class CompactEvent {
    /** What the fast path read: the event's fields and its payload. */
    record Fields(String type, String id, String timestamp, byte[] payload) {
    }

    private CompactEvent() {
    }

    /**
     * The event in {@code body[0, length)} when it is valid and compact; else null. The payload is
     * {@code body} itself when the object fills it exactly (the body is never reused), else a copy.
     */
    static Fields read(byte[] body, int length) {
        int start = 0;
        while (start < length && isSpace(body[start])) {
            start++;
        }
        int end = length;
        while (end > start && isSpace(body[end - 1])) {
            end--;
        }
        if (end - start < 2 || body[start] != '{' || body[end - 1] != '}' || !compact(body, start, end)) {
            return null;
        }
        try (JsonParser parser = JsonBodies.parser(body, start, end - start)) {
            Event event = parser.nextToken() == JsonToken.START_OBJECT ? object(parser) : null;
            if (event == null || parser.nextToken() != null) {
                return null;
            }
            byte[] payload = start == 0 && end == body.length ? body : Arrays.copyOfRange(body, start, end);
            return new Fields(event.type, event.id, Long.toString(event.timestamp), payload);
        } catch (IOException | RuntimeException notForTheFastPath) {
            return null; // the tree path answers with the exact message
        }
    }

    /**
     * The events of the array in {@code body[0, length)} when every item is a valid, compact event
     * (whitespace between items is fine: it is not in any payload); else null. Each payload is a copy.
     */
    static List<Fields> readBatch(byte[] body, int length) {
        try (JsonParser parser = JsonBodies.parser(body, 0, length)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<Fields> events = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    return null;
                }
                long start = parser.currentTokenLocation().getByteOffset();
                Event event = object(parser);
                long end = parser.currentLocation().getByteOffset();
                // the offsets are checked, not trusted: a byte-order mark, say, would shift them
                if (event == null || start < 0 || end > length || end - start < 2 || body[(int) start] != '{'
                        || body[(int) end - 1] != '}' || !compact(body, (int) start, (int) end)) {
                    return null;
                }
                events.add(new Fields(event.type, event.id, Long.toString(event.timestamp),
                        Arrays.copyOfRange(body, (int) start, (int) end)));
            }
            return parser.nextToken() == null ? events : null;
        } catch (IOException | RuntimeException notForTheFastPath) {
            return null;
        }
    }

    /**
     * True when nothing between tokens is whitespace and every string is plain ASCII whose escapes
     * are the ones the serialiser writes itself.
     */
    private static boolean compact(byte[] body, int start, int end) {
        boolean inString = false;
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b < 0x20) { // a control byte, or over 0x7F (negative as a byte)
                return false;
            }
            if (inString) {
                if (b == '"') {
                    inString = false;
                } else if (b == '\\') {
                    if (++i == end || !isShortEscape(body[i])) {
                        return false;
                    }
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == ' ') {
                return false;
            }
        }
        return !inString;
    }

    /** The escapes Jackson writes for {@code " \} and control characters that have a short form. */
    private static boolean isShortEscape(byte b) {
        return b == '"' || b == '\\' || b == 'b' || b == 'f' || b == 'n' || b == 'r' || b == 't';
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** The top-level fields seen in one pass; null from {@link #object} when a value rules the fast path out. */
    private static final class Event {
        String id;
        String type;
        String source;
        long timestamp = -1;
        boolean data;

        boolean complete() {
            return id != null && type != null && source != null && timestamp >= 0 && data;
        }
    }

    /**
     * The rest of an object whose {@code START_OBJECT} was just read, up to its {@code END_OBJECT};
     * null when it is not a complete event or holds a number the serialiser would write otherwise.
     */
    private static Event object(JsonParser parser) throws IOException {
        Event event = new Event();
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.FIELD_NAME && depth == 1) {
                String name = parser.currentName();
                token = parser.nextToken();
                if (!top(name, token, parser, event)) {
                    return null;
                }
            }
            if (token == null) {
                return null;
            }
            switch (token) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case VALUE_NUMBER_INT -> {
                    if (isNegativeZero(parser)) {
                        return null;
                    }
                }
                case VALUE_NUMBER_FLOAT -> {
                    if (!parser.getDecimalValue().toString().equals(parser.getText())) {
                        return null;
                    }
                }
                default -> {
                }
            }
        }
        return event.complete() ? event : null;
    }

    /** Takes one top-level field's value; false when it is one of the event's fields and not as {@link EventCheck} wants. */
    private static boolean top(String name, JsonToken value, JsonParser parser, Event event) throws IOException {
        switch (name) {
            case "id" -> {
                event.id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                return event.id != null && EventCheck.isId(event.id);
            }
            case "type" -> {
                event.type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                return event.type != null && EventCheck.isExactType(event.type);
            }
            case "source" -> {
                event.source = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                return event.source != null;
            }
            case "timestamp" -> {
                if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return false;
                }
                event.timestamp = parser.getLongValue();
                return event.timestamp >= 0;
            }
            case "data" -> {
                event.data = true;
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    private static boolean isNegativeZero(JsonParser parser) throws IOException {
        if (parser.getTextLength() != 2) {
            return false;
        }
        char[] text = parser.getTextCharacters();
        int at = parser.getTextOffset();
        return text[at] == '-' && text[at + 1] == '0';
    }
}
