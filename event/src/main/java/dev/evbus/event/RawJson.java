package dev.evbus.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A JSON value kept as the UTF-8 bytes it arrived in. Events pass through the bus and most
 * consumers without anyone looking inside, so parsing waits until a hook asks for the tree.
 */
public final class RawJson {
    /** Built on first use: most consumers never parse a payload, and a mapper is slow to build. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final byte[] bytes;
    /** Parsed on first use; a race parses twice and keeps either copy, both equal. */
    private JsonNode node;

    private RawJson(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps bytes that are known to hold exactly one JSON value. */
    public static RawJson trusted(byte[] bytes) {
        return new RawJson(bytes);
    }

    public static RawJson of(JsonNode node) {
        try {
            RawJson raw = new RawJson(Json.MAPPER.writeValueAsBytes(node));
            raw.node = node;
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytes() {
        return bytes;
    }

    public JsonNode node() {
        JsonNode parsed = node;
        if (parsed == null) {
            try {
                parsed = Json.MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("payload is not JSON", e);
            }
            node = parsed;
        }
        return parsed;
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
