package dev.evbus.protocol;

import static dev.evbus.protocol.JsonValidator.FAIL;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.protocol.JsonStrings.Escapes;
import java.nio.charset.StandardCharsets;

/**
 * The fast path of {@link FrameCodec#decode(byte[], int, int, String)} for control frames (a
 * hello_ack, a publish_ack, a status response): one pass over the bytes that builds the same tree
 * {@link JsonTrees#read} builds, without a Jackson parser.
 *
 * <p>Why not Jackson's parser: its first instance initialises {@code java.math.BigDecimal}, whose
 * static tables cost 9 to 19 ms of interpreted start-up on JDK 25, and every CLI process reads a
 * control frame before it can say ready or exit. The bus's answers are small, flat and plain.
 *
 * <p>As {@link PublishScanner} does, it answers only when it is certain to decode the frame as the
 * Jackson path does, and otherwise answers null so that path decides, error messages included:
 * for anything that is not valid JSON as {@link JsonValidator} sees it, an event or publish frame,
 * a frame without a {@code type}, a top-level member the Jackson path's first pass would refuse or
 * read into (see {@link #readAsJacksonPathDoes}), a backslash escape anywhere, a non-ASCII member name, a number that is not an
 * integer of at most 18 digits, nesting deeper than {@link JsonTrees#MAX_DEPTH}, or a tree that
 * {@link ControlFrames#fromTree} refuses.
 */
final class ControlFrameScanner {
    private static final StreamReadConstraints LIMITS = FrameCodec.readConstraints();
    /** Limits Jackson checks on the whole document; with either set, every frame goes to Jackson. */
    private static final boolean ENABLED = !LIMITS.hasMaxDocumentLength() && !LIMITS.hasMaxTokenCount();
    /** Digits that always fit a long, so Jackson's {@code getLongValue} cannot overflow. */
    private static final int SAFE_LONG_DIGITS = 18;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final byte[] b;
    private final int end;
    private final JsonValidator json;
    /** The value {@link #value} read last, so that it needs no holder object. */
    private JsonNode read;

    private ControlFrameScanner(byte[] buffer, int end) {
        this.b = buffer;
        this.end = end;
        this.json = new JsonValidator(buffer, end, LIMITS);
    }

    /** The frame as the Jackson path would decode it, or null when that path must decide. */
    static Message scan(byte[] buffer, int offset, int length) {
        // Strings are never longer in chars than the frame is in bytes: past the limit, let Jackson measure.
        if (!ENABLED || length > LIMITS.getMaxStringLength()) {
            return null;
        }
        ControlFrameScanner scanner = new ControlFrameScanner(buffer, offset + length);
        int i = scanner.json.skipWhitespace(offset);
        if (!scanner.json.at(i, '{')) {
            return null;
        }
        i = scanner.value(i, 1);
        if (i == FAIL || scanner.json.skipWhitespace(i) != scanner.end) {
            return null;
        }
        ObjectNode frame = (ObjectNode) scanner.read;
        JsonNode type = frame.get("type");
        if (type == null) {
            return null;
        }
        String name = type.textValue();
        if (name.equals("event") || name.equals("publish")) {
            return null;
        }
        try {
            return ControlFrames.fromTree(name, frame);
        } catch (FrameException refused) {
            return null; // the Jackson path words the error
        }
    }

    /**
     * Whether the Jackson path's first pass over the frame's members, which reads the event fields
     * of every frame, takes this one as it is: it refuses an event field of the wrong kind, and
     * reads into an array or object where it expects a scalar.
     */
    private static boolean readAsJacksonPathDoes(String name, JsonNode value) {
        return switch (name) {
            case "type" -> value.isTextual();
            case "event_type", "event_id" -> value.isTextual() || value.isNull();
            case "source_time" -> value.isTextual() || value.isNull() || value.isIntegralNumber();
            case "seq", "offset", "ack" -> !value.isContainerNode();
            default -> true;
        };
    }

    /** The value at {@code i} into {@link #read}; returns the index past it, or FAIL. */
    private int value(int i, int depth) {
        if (i >= end) {
            return FAIL;
        }
        return switch (b[i]) {
            case '{' -> depth > JsonTrees.MAX_DEPTH ? FAIL : object(i, depth);
            case '[' -> depth > JsonTrees.MAX_DEPTH ? FAIL : array(i, depth);
            case '"' -> text(i);
            case 't' -> literal(i, "true", NODES.booleanNode(true));
            case 'f' -> literal(i, "false", NODES.booleanNode(false));
            case 'n' -> literal(i, "null", NODES.nullNode());
            default -> integer(i);
        };
    }

    private int object(int i, int depth) {
        ObjectNode object = NODES.objectNode();
        i = json.skipWhitespace(i + 1);
        if (!json.at(i, '}')) {
            while (true) {
                int nameEnd = json.at(i, '"') ? json.string(i, Escapes.NONE) : FAIL;
                if (nameEnd == FAIL || !json.ascii(i + 1, nameEnd - 1) || nameEnd - i - 2 > LIMITS.getMaxNameLength()) {
                    return FAIL;
                }
                String name = new String(b, i + 1, nameEnd - i - 2, StandardCharsets.ISO_8859_1);
                i = json.skipWhitespace(nameEnd);
                if (!json.at(i, ':')) {
                    return FAIL;
                }
                i = value(json.skipWhitespace(i + 1), depth + 1);
                if (i == FAIL || depth == 1 && !readAsJacksonPathDoes(name, read)) {
                    return FAIL;
                }
                object.set(name, read); // the last of a repeated name wins, as in JsonTrees
                i = json.skipWhitespace(i);
                if (!json.at(i, ',')) {
                    break;
                }
                i = json.skipWhitespace(i + 1);
            }
            if (!json.at(i, '}')) {
                return FAIL;
            }
        }
        read = object;
        return i + 1;
    }

    private int array(int i, int depth) {
        ArrayNode array = NODES.arrayNode();
        i = json.skipWhitespace(i + 1);
        if (!json.at(i, ']')) {
            while (true) {
                i = value(i, depth + 1);
                if (i == FAIL) {
                    return FAIL;
                }
                array.add(read);
                i = json.skipWhitespace(i);
                if (!json.at(i, ',')) {
                    break;
                }
                i = json.skipWhitespace(i + 1);
            }
            if (!json.at(i, ']')) {
                return FAIL;
            }
        }
        read = array;
        return i + 1;
    }

    /** A string without escapes: its bytes are its UTF-8, already checked to be well-formed. */
    private int text(int i) {
        int after = json.string(i, Escapes.NONE);
        if (after == FAIL) {
            return FAIL;
        }
        read = NODES.textNode(new String(b, i + 1, after - i - 2, StandardCharsets.UTF_8));
        return after;
    }

    private int literal(int i, String word, JsonNode node) {
        int after = json.literal(i, word);
        read = node;
        return after;
    }

    /** An integer short enough to be certain it fits a long; fractions and exponents go to Jackson. */
    private int integer(int i) {
        int after = json.number(i);
        if (after == FAIL) {
            return FAIL;
        }
        int digits = after - i - (b[i] == '-' ? 1 : 0);
        if (digits > SAFE_LONG_DIGITS) {
            return FAIL;
        }
        if (!json.integer(i, after)) {
            return FAIL;
        }
        read = NODES.numberNode(Long.parseLong(new String(b, i, after - i, StandardCharsets.ISO_8859_1)));
        return after;
    }
}
