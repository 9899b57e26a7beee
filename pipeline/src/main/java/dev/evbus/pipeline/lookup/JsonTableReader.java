package dev.evbus.pipeline.lookup;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON table: an object keyed by the lookup value whose values are objects of columns,
 * or an array of objects (looked up by a column, {@code key} unless the stage says otherwise).
 * Duplicate names are refused, so a value never silently has two rows.
 */
final class JsonTableReader {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonTableReader() {
    }

    static LookupTable read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    static LookupTable parse(String text) throws TableFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException bad) {
            JsonLocation where = bad.getLocation();
            throw new TableFormatException((where == null ? "" : "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ")
                    + "not valid JSON: " + bad.getOriginalMessage());
        }
        if (root != null && root.isObject()) {
            return keyed((ObjectNode) root);
        }
        if (root != null && root.isArray()) {
            return rows(root);
        }
        throw new TableFormatException("a JSON table is an object (value → object of columns) or an array of objects");
    }

    private static LookupTable.Keyed keyed(ObjectNode root) throws TableFormatException {
        Map<String, ObjectNode> rows = new LinkedHashMap<>();
        Set<String> columns = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!entry.getValue().isObject()) {
                throw new TableFormatException("\"" + entry.getKey() + "\": must be an object of columns, such as"
                        + " {\"country\": \"DE\"}");
            }
            entry.getValue().fieldNames().forEachRemaining(columns::add);
            rows.put(entry.getKey(), (ObjectNode) entry.getValue());
        }
        return new LookupTable.Keyed(List.copyOf(columns), java.util.Collections.unmodifiableMap(rows));
    }

    private static LookupTable.Rows rows(JsonNode root) throws TableFormatException {
        List<ObjectNode> rows = new ArrayList<>();
        List<String> places = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        for (int i = 0; i < root.size(); i++) {
            if (!root.get(i).isObject()) {
                throw new TableFormatException("element " + i + ": must be an object of columns");
            }
            root.get(i).fieldNames().forEachRemaining(columns::add);
            rows.add((ObjectNode) root.get(i));
            places.add("element " + i);
        }
        return new LookupTable.Rows(List.copyOf(columns), List.copyOf(rows), List.copyOf(places), "key");
    }
}
