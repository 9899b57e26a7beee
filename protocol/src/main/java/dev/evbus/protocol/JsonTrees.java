package dev.evbus.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Reads and writes JSON trees with the streaming API alone. An ObjectMapper would do it in one
 * call, but building the first one costs a consumer tens of milliseconds of start-up, and the
 * wire's control frames are all small flat objects.
 */
final class JsonTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /**
     * How deep a tree is built. Control frames read nothing below their fourth level (a status
     * response's consumers' event types); below this, a container is kept empty, its contents
     * skipped by the parser without recursion. A frame nested to Jackson's limit of 1000 would
     * otherwise recurse deeper than a connection thread's stack allows, and build a tree for nothing.
     */
    static final int MAX_DEPTH = 16;

    /** Reads the value the parser's current token starts. */
    static JsonNode read(JsonParser parser) throws IOException {
        return read(parser, 1);
    }

    private static JsonNode read(JsonParser parser, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        if (token.isStructStart() && depth > MAX_DEPTH) {
            parser.skipChildren();
            return token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
        }
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, read(parser, depth + 1));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser, depth + 1));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(decimal(parser));
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected " + token);
        };
    }

    /**
     * The number as a BigDecimal. Jackson throws an unchecked NumberFormatException for an exponent
     * past an int's range (valid JSON, {@code 1e-2147483649}); as an IOException it becomes the
     * frame's one error line like any other unreadable value, instead of ending the reading thread.
     */
    private static BigDecimal decimal(JsonParser parser) throws IOException {
        try {
            return parser.getDecimalValue();
        } catch (NumberFormatException outOfRange) {
            throw new JsonParseException(parser, "number out of range: its exponent does not fit an int");
        }
    }

    static void write(JsonNode node, JsonGenerator out) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    out.writeFieldName(field.getKey());
                    write(field.getValue(), out);
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode item : node) {
                    write(item, out);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(node.textValue());
            case NUMBER -> writeNumber(node, out);
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case BINARY -> out.writeBinary(node.binaryValue());
            default -> out.writeNull();
        }
    }

    private static final byte[] NULL = "null".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] TRUE = "true".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] FALSE = "false".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /**
     * Writes a tree of strings, whole numbers, booleans and nulls as {@link #write} would through
     * Jackson's generator, without one; false, with part of it written, for any other kind of
     * value (a fraction, binary), which the caller then writes through the generator. A client's
     * control frames are all of that kind, so it never loads Jackson's factory, parsers and
     * generators (some 60 classes in its AOT cache, mapped at every start). One difference: a
     * character outside the BMP is written as its four UTF-8 bytes, as every event frame writes
     * it, where the generator escapes its two surrogates; the JSON text is the same.
     */
    static boolean writeTo(JsonNode node, ByteSink out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.write('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (!first) {
                        out.write(',');
                    }
                    first = false;
                    out.writeQuoted(field.getKey());
                    out.write(':');
                    if (!writeTo(field.getValue(), out)) {
                        return false;
                    }
                }
                out.write('}');
            }
            case ARRAY -> {
                out.write('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    if (!writeTo(node.get(i), out)) {
                        return false;
                    }
                }
                out.write(']');
            }
            case STRING -> out.writeQuoted(node.textValue());
            case NUMBER -> {
                if (!node.isInt() && !node.isLong()) {
                    return false;
                }
                out.writeDecimal(node.longValue());
            }
            case BOOLEAN -> out.write(node.booleanValue() ? TRUE : FALSE);
            case NULL -> out.write(NULL);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Each kind of number as its own node writes itself, so the text is the one ObjectMapper gives. */
    private static void writeNumber(JsonNode node, JsonGenerator out) throws IOException {
        switch (node.numberType()) {
            case INT -> out.writeNumber(node.intValue());
            case LONG -> out.writeNumber(node.longValue());
            case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
            case FLOAT -> out.writeNumber(node.floatValue());
            case DOUBLE -> out.writeNumber(node.doubleValue());
            default -> out.writeNumber(node.decimalValue());
        }
    }
}
