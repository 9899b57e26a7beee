package dev.evbus.sources.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Request bodies to trees and trees to compact bytes. Numbers keep their written precision (a
 * decimal stays a decimal, {@code 1.10} stays {@code 1.10}), so a payload is the object as received;
 * a repeated field or text after the value is a bad body, not a silent choice. Thread-safe.
 */
final class JsonBodies {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private JsonBodies() {
    }

    /** The tree of {@code body}; {@link BadBody} saying where it stops being JSON. */
    static JsonNode parse(byte[] body, int length) throws BadBody {
        if (length == 0) {
            throw new BadBody("the body is empty; send a JSON event object (or an array of them to /events/batch)");
        }
        try {
            return MAPPER.readTree(body, 0, length);
        } catch (JsonProcessingException bad) {
            String where = bad.getLocation() == null ? ""
                    : " at line " + bad.getLocation().getLineNr() + ", column " + bad.getLocation().getColumnNr();
            throw new BadBody("the body is not valid JSON" + where + ": " + bad.getOriginalMessage());
        } catch (IOException unreadable) {
            throw new BadBody("the body is not valid JSON: " + unreadable.getMessage());
        }
    }

    /** A streaming parser over {@code body[offset, offset + length)} with the same features as {@link #parse}. */
    static JsonParser parser(byte[] body, int offset, int length) throws IOException {
        return MAPPER.createParser(body, offset, length);
    }

    static byte[] compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a parsed tree did not serialise", impossible);
        }
    }

    /** A body that is not what the endpoint takes; the message is the answer's. */
    static final class BadBody extends Exception {
        BadBody(String message) {
            super(message, null, false, false);
        }
    }
}
