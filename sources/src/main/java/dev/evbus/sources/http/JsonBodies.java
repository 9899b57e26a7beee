package dev.evbus.sources.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonToken;
import dev.evbus.sources.NumbersAsWritten;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Request bodies to trees (for checks and filters) and to compact payload bytes. A payload is the
 * object as received, with its white space dropped: every number keeps the text it was written
 * with ({@code 1.10}, {@code 1e999999}, {@code 123456789012345678901234567890}), never a value
 * parsed and printed again. A repeated field or text after the value is a bad body, not a silent
 * choice. Thread-safe.
 */
final class JsonBodies {
    /**
     * Decimals become doubles in the tree, as jq reads them: the tree only serves the checks and the
     * filters, the payload keeps the written text, and a decimal such as {@code 1e9999999999} that
     * {@code BigDecimal} cannot hold is then a number like any other, not a failed request.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private JsonBodies() {
    }

    /** The tree of {@code body}; {@link BadBody} saying where it stops being JSON. */
    static JsonNode parse(byte[] body, int length) throws BadBody {
        if (length == 0) {
            throw new BadBody("the body is empty; send a JSON event object (or an array of them to /events/batch)");
        }
        checkUtf8(body, length);
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

    /**
     * Strict UTF-8, as RFC 8259 requires of JSON on the wire: the parser alone would read an
     * overlong form ({@code C0 AF} for {@code /}) or an encoded surrogate as a character. Only the
     * tree path pays for this pass; the fast path takes no byte over 0x7F.
     */
    private static void checkUtf8(byte[] body, int length) throws BadBody {
        ByteBuffer bytes = ByteBuffer.wrap(body, 0, length);
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
        } catch (CharacterCodingException bad) {
            throw new BadBody("the body is not valid UTF-8 at byte " + bytes.position()
                    + "; send JSON text in UTF-8");
        }
    }

    /** A streaming parser over {@code body[offset, offset + length)} with the same features as {@link #parse}. */
    static JsonParser parser(byte[] body, int offset, int length) throws IOException {
        return MAPPER.createParser(body, offset, length);
    }

    /**
     * The body's one value ({@code items} false), or each item of its array ({@code items} true),
     * as compact JSON with every number written exactly as in the body. Call it on a body that
     * {@link #parse} took.
     */
    static List<byte[]> asWritten(byte[] body, int length, boolean items) throws BadBody {
        List<byte[]> values = new ArrayList<>();
        try (JsonParser parser = parser(body, 0, length)) {
            JsonToken token = parser.nextToken();
            if (items) {
                token = parser.nextToken();
            }
            for (; token != null && token != JsonToken.END_ARRAY; token = items ? parser.nextToken() : null) {
                values.add(NumbersAsWritten.copy(parser));
            }
        } catch (IOException unreadable) {
            throw new BadBody("the body is not valid JSON: " + unreadable.getMessage());
        }
        return values;
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
