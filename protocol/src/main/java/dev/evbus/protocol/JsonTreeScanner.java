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
 * One JSON document read into the tree {@code ObjectMapper.readTree} builds from it, in one pass
 * over the bytes, without a Jackson parser or mapper: a consumer's first event would otherwise
 * build a mapper (its date format's calendar and locale data, 20 ms and more) and initialise
 * {@code BigDecimal} only to read it. Containers, strings, booleans and nulls come from the
 * caller's node factory, as the mapper's would; numbers from the caller's {@link Numbers}, which
 * decides what the mapper's number configuration makes of each.
 *
 * <p>Like {@link ControlFrameScanner}, it answers only when certain: it answers null, and the
 * caller hands the bytes to Jackson, for anything {@link JsonValidator} does not accept, a
 * {@code \\u} escape of a surrogate in a member name (whose pairing Jackson checks), nesting deeper
 * than {@link #MAX_DEPTH}, anything after the document but white space, or a value at one of
 * Jackson's default limits. {@link ControlFrameScanner} builds control frames' trees with it, under
 * the frames' own limits and rules.
 */
public final class JsonTreeScanner {
    /** What Jackson's default read limits allow; a document near any of them goes to Jackson. */
    private static final StreamReadConstraints DEFAULTS = StreamReadConstraints.defaults();
    /** Deeper documents go to Jackson, which reads them without recursion. */
    static final int MAX_DEPTH = 64;
    private static final TopLevel ANY_MEMBER = (name, value) -> true;

    /** Makes the node of a number. */
    public interface Numbers {
        /** An integer of at most 18 digits, which always fits a long. */
        JsonNode integer(long value);

        /**
         * Any other number, by its text (valid JSON, within the number length limit); {@code integral}:
         * neither a fraction nor an exponent. Null when the caller cannot be certain.
         */
        JsonNode number(byte[] bytes, int start, int end, boolean integral);
    }

    /** Judges each member of a top-level object as it is read: false leaves the document to Jackson. */
    interface TopLevel {
        boolean takes(String name, JsonNode value);
    }

    private final byte[] b;
    private final int end;
    private final JsonNodeFactory nodes;
    private final Numbers numbers;
    private final StreamReadConstraints limits;
    private final int maxDepth;
    private final TopLevel topLevel;
    private final JsonValidator json;
    /** The value {@link #value} read last, so that it needs no holder object. */
    private JsonNode read;

    /** A scanner of the document that ends at {@code end}, under the caller's limits and rules. */
    JsonTreeScanner(byte[] bytes, int end, JsonNodeFactory nodes, Numbers numbers, StreamReadConstraints limits, int maxDepth,
            TopLevel topLevel) {
        this.b = bytes;
        this.end = end;
        this.nodes = nodes;
        this.numbers = numbers;
        this.limits = limits;
        this.maxDepth = maxDepth;
        this.topLevel = topLevel;
        this.json = new JsonValidator(bytes, end, limits);
    }

    /** The tree of the document in {@code bytes[offset, offset + length)}, or null when Jackson must read it. */
    public static JsonNode read(byte[] bytes, int offset, int length, JsonNodeFactory nodes, Numbers numbers) {
        return new JsonTreeScanner(bytes, offset + length, nodes, numbers, DEFAULTS, MAX_DEPTH, ANY_MEMBER).document(offset);
    }

    /** The tree of the document that starts at {@code offset}, or null when Jackson must read it. */
    JsonNode document(int offset) {
        int i = value(json.skipWhitespace(offset), 1);
        return i != FAIL && json.skipWhitespace(i) == end ? read : null;
    }

    /** The value at {@code i} into {@link #read}; returns the index past it, or FAIL. */
    private int value(int i, int depth) {
        if (i >= end) {
            return FAIL;
        }
        return switch (b[i]) {
            case '{' -> depth > maxDepth ? FAIL : object(i, depth);
            case '[' -> depth > maxDepth ? FAIL : array(i, depth);
            case '"' -> text(i);
            case 't' -> literal(i, "true", nodes.booleanNode(true));
            case 'f' -> literal(i, "false", nodes.booleanNode(false));
            case 'n' -> literal(i, "null", nodes.nullNode());
            default -> number(i);
        };
    }

    private int object(int i, int depth) {
        ObjectNode object = nodes.objectNode();
        i = json.skipWhitespace(i + 1);
        if (!json.at(i, '}')) {
            while (true) {
                int nameEnd = json.name(i);
                if (nameEnd == FAIL) {
                    return FAIL;
                }
                String name = decode(i, nameEnd);
                i = json.skipWhitespace(nameEnd);
                if (!json.at(i, ':')) {
                    return FAIL;
                }
                i = value(json.skipWhitespace(i + 1), depth + 1);
                if (i == FAIL || depth == 1 && !topLevel.takes(name, read)) {
                    return FAIL;
                }
                object.replace(name, read); // the last of a repeated name wins, in the first one's place, as in Jackson
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
        ArrayNode array = nodes.arrayNode();
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

    /** A string value: Jackson takes {@code \\u} escapes of surrogates in values as they come, paired or not. */
    private int text(int i) {
        int after = json.string(i, Escapes.ALL);
        if (after == FAIL || after - i - 2 > limits.getMaxStringLength()) {
            return FAIL;
        }
        read = nodes.textNode(decode(i, after));
        return after;
    }

    /** The string whose quotes are at {@code open} and {@code after - 1}, already validated, its escapes decoded. */
    private String decode(int open, int after) {
        int from = open + 1;
        int to = after - 1;
        int escape = from;
        while (escape < to && b[escape] != '\\') {
            escape++;
        }
        if (escape == to) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            if (b[i] != '\\') {
                int run = i;
                while (i < to && b[i] != '\\') {
                    i++;
                }
                text.append(new String(b, run, i - run, StandardCharsets.UTF_8));
                continue;
            }
            char c = (char) b[i + 1];
            switch (c) {
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    text.append((char) Integer.parseInt(new String(b, i + 2, 4, StandardCharsets.ISO_8859_1), 16));
                    i += 4;
                }
                default -> text.append(c); // '"', '\\' and '/' stand for themselves
            }
            i += 2;
        }
        return text.toString();
    }

    private int literal(int i, String word, JsonNode node) {
        int after = json.literal(i, word);
        read = node;
        return after;
    }

    private int number(int i) {
        int after = json.number(i);
        if (after == FAIL) {
            return FAIL;
        }
        read = json.shortInteger(i, after) ? numbers.integer(json.longValue(i, after))
                : numbers.number(b, i, after, json.integer(i, after));
        return read == null ? FAIL : after;
    }
}
