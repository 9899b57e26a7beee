package dev.evbus.keyfiles;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A key file's tree with the line of every field and list element, read in one pass of its
 * tokens (JSON or YAML alike, {@link TokenSource}), so a problem found anywhere later, named by a JSON
 * Pointer, can be reported at its line. Immutable after {@link #read}.
 */
record SourceDocument(JsonNode root, Map<String, Integer> lines) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Reads one document; the parser's own exceptions (syntax, duplicate fields) pass through. */
    static SourceDocument read(TokenSource parser) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        JsonToken first = parser.next();
        if (first == null) {
            return new SourceDocument(MissingNode.getInstance(), lines);
        }
        JsonNode root = value(parser, first, "", lines);
        return new SourceDocument(root, Map.copyOf(lines));
    }

    /** The line of the field at {@code pointer}, else of its nearest ancestor that is in the file. */
    int line(String pointer) {
        String at = pointer;
        while (!at.isEmpty()) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            at = at.substring(0, at.lastIndexOf('/'));
        }
        return lines.getOrDefault("", 1);
    }

    /**
     * A JSON Pointer as users read it: {@code /stages/2/lookup/table} is {@code stages[2].lookup.table};
     * a name that is not letters, digits, {@code _} or {@code -} is quoted ({@code values["a.b"]}).
     */
    String field(String pointer) {
        return fieldOf(pointer, root);
    }

    /** The same without the tree (for a file that did not parse): a number is a list index. */
    static String fieldOf(String pointer) {
        return fieldOf(pointer, MissingNode.getInstance());
    }

    private static String fieldOf(String pointer, JsonNode root) {
        if (pointer.isEmpty()) {
            return "(file)";
        }
        StringBuilder out = new StringBuilder();
        JsonNode node = root;
        for (String raw : pointer.substring(1).split("/", -1)) {
            String name = raw.replace("~1", "/").replace("~0", "~");
            if ((node.isArray() || node.isMissingNode()) && name.matches("\\d+")) {
                out.append('[').append(name).append(']');
                // an index past int's range names nothing (a YAML field named 99999999999 that did not parse)
                node = name.length() > 9 ? MissingNode.getInstance() : node.path(Integer.parseInt(name));
                continue;
            }
            if (name.matches("[A-Za-z0-9_-]+")) {
                out.append(out.isEmpty() ? "" : ".").append(name);
            } else {
                out.append("[\"").append(name.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
            }
            node = node.path(name);
        }
        return out.toString();
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** The value whose first token is current; leaves the parser on its last token. */
    private static JsonNode value(TokenSource parser, JsonToken token, String pointer, Map<String, Integer> lines) throws IOException {
        lines.putIfAbsent(pointer, parser.tokenLine());
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = NODES.objectNode();
            for (JsonToken next = parser.next(); next == JsonToken.FIELD_NAME; next = parser.next()) {
                String name = parser.name();
                String child = pointer + "/" + escape(name);
                lines.put(child, parser.tokenLine());
                object.set(name, value(parser, parser.next(), child, lines));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = NODES.arrayNode();
            for (JsonToken next = parser.next(); next != JsonToken.END_ARRAY; next = parser.next()) {
                array.add(value(parser, next, pointer + "/" + array.size(), lines));
            }
            return array;
        }
        if (token == null) {
            // only YAML gives no token for a value: a sign alone tagged !!int (the reader of Jackson's
            // YAML parser failed on it with a NullPointerException's message)
            throw new YamlSyntaxError(parser.tokenLine(), pointer, "Invalid number ('" + parser.text() + "')");
        }
        return parser.scalar();
    }
}
