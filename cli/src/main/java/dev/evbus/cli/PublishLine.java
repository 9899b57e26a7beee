package dev.evbus.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * One line of {@code publish --stdin}: {"event_type", "event_id"?, "source_time"?, "payload"}.
 * Parsed with a streaming parser that records where the payload's bytes are, so it is sent on
 * without being rebuilt.
 */
record PublishLine(String eventType, String eventId, String sourceTime, int payloadOffset, int payloadLength) {
    private static final JsonFactory JSON = new JsonFactory();

    /** Why a line was rejected, fit for "line N: …". */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message);
        }
    }

    static PublishLine parse(byte[] buffer, int offset, int length) throws Rejected {
        String eventType = null;
        String eventId = null;
        String sourceTime = null;
        int payloadStart = -1;
        int payloadEnd = -1;
        try (JsonParser parser = JSON.createParser(buffer, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Rejected("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "event_type" -> eventType = string(parser, value, name);
                    case "event_id" -> eventId = value == JsonToken.VALUE_NULL ? null : string(parser, value, name);
                    case "source_time" -> sourceTime = sourceTime(parser, value);
                    case "payload" -> {
                        payloadStart = (int) parser.currentTokenLocation().getByteOffset();
                        if (value.isStructStart()) {
                            parser.skipChildren();
                        } else {
                            parser.finishToken();
                        }
                        payloadEnd = (int) parser.currentLocation().getByteOffset();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new Rejected("more than one JSON value on the line");
            }
        } catch (JsonProcessingException bad) {
            throw new Rejected("not valid JSON: " + bad.getOriginalMessage().replace('\n', ' '));
        } catch (IOException unexpected) {
            throw new Rejected("unreadable: " + unexpected.getMessage());
        }
        if (eventType == null || eventType.isEmpty()) {
            throw new Rejected("event_type is missing");
        }
        if (eventType.indexOf('*') >= 0) {
            throw new Rejected("event_type must not contain '*'");
        }
        if (payloadStart < 0) {
            throw new Rejected("payload is missing (use null for none)");
        }
        return new PublishLine(eventType, eventId, sourceTime, offset + payloadStart, payloadEnd - payloadStart);
    }

    private static String string(JsonParser parser, JsonToken value, String field) throws IOException, Rejected {
        if (value != JsonToken.VALUE_STRING) {
            throw new Rejected(field + " must be a string");
        }
        return parser.getText();
    }

    private static String sourceTime(JsonParser parser, JsonToken value) throws IOException, Rejected {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        String text = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_STRING ? parser.getText() : "";
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Rejected("source_time must be milliseconds since the epoch");
        }
        return text;
    }
}
