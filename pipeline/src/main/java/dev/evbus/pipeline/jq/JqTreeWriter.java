package dev.evbus.pipeline.jq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.evbus.protocol.ByteSink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a tree byte for byte as {@link JqJson}'s mapper writes it, for the kinds of node events
 * and jq's results are made of: objects, arrays, strings, booleans, nulls, whole numbers, doubles
 * (as jq prints them) and {@link LiteralNumber}s (as they were written). Any other node makes it
 * answer null, and the mapper writes that document.
 */
final class JqTreeWriter {
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private JqTreeWriter() {
    }

    /** The document's bytes, or null when the mapper must write it. */
    static byte[] write(JsonNode document) {
        ByteSink out = new ByteSink(256);
        return write(document, out) ? Arrays.copyOf(out.array(), out.size()) : null;
    }

    private static boolean write(JsonNode node, ByteSink out) {
        if (node instanceof ObjectNode object) {
            out.write('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                quoted(field.getKey(), out);
                out.write(':');
                if (!write(field.getValue(), out)) {
                    return false;
                }
            }
            out.write('}');
            return true;
        }
        if (node instanceof ArrayNode array) {
            out.write('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                if (!write(array.get(i), out)) {
                    return false;
                }
            }
            out.write(']');
            return true;
        }
        Class<?> kind = node.getClass();
        if (kind == TextNode.class) {
            quoted(node.textValue(), out);
        } else if (kind == IntNode.class || kind == LongNode.class || kind == ShortNode.class) {
            out.writeDecimal(node.longValue());
        } else if (kind == DoubleNode.class || kind == FloatNode.class) {
            out.write(JqNumberText.of(node.doubleValue()).getBytes(StandardCharsets.US_ASCII));
        } else if (kind == LiteralNumber.class) {
            out.write(node.asText().getBytes(StandardCharsets.US_ASCII)); // its literal
        } else if (kind == BooleanNode.class) {
            out.write(node.booleanValue() ? TRUE : FALSE);
        } else if (kind == NullNode.class) {
            out.write(NULL);
        } else {
            return false;
        }
        return true;
    }

    /** As the mapper's generator writes a string: a surrogate, paired or not, as a {@code \\u} escape. */
    private static void quoted(String text, ByteSink out) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                out.writeQuotedEscapingSurrogates(text);
                return;
            }
        }
        out.writeQuoted(text);
    }
}
