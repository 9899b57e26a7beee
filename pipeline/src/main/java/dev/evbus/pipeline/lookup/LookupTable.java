package dev.evbus.pipeline.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table file's rows, read once and never changed afterwards (so threads share it without
 * locks). Either keyed by the file itself (a JSON object of value → columns) or a list of rows
 * (CSV, a JSON array) that a stage indexes by the column its {@code key} option names.
 */
public sealed interface LookupTable permits LookupTable.Keyed, LookupTable.Rows {
    /** Tables are held whole in memory; larger files are refused rather than exhausting the heap. */
    long MAX_BYTES = 64L << 20;

    /** Every column, in the order the file first names them. */
    List<String> columns();

    /** The column a stage looks values up in when it gives no {@code key}; empty for a keyed table. */
    Optional<String> defaultKey();

    /** Rows by the text of their {@code key} column; a keyed table takes no key column. */
    Map<String, ObjectNode> index(Optional<String> key) throws TableFormatException;

    /** A JSON object whose field names are the lookup values. */
    record Keyed(List<String> columns, Map<String, ObjectNode> rows) implements LookupTable {
        @Override
        public Optional<String> defaultKey() {
            return Optional.empty();
        }

        @Override
        public Map<String, ObjectNode> index(Optional<String> key) throws TableFormatException {
            if (key.isPresent()) {
                throw new TableFormatException("the table is a JSON object keyed by the lookup value, so it takes no key column;"
                        + " remove key (it is for .csv tables and JSON arrays of objects)");
            }
            return rows;
        }
    }

    /**
     * Rows of a CSV file or a JSON array.
     *
     * @param places where each row is in the file ("line 3", "element 2"), for messages
     */
    record Rows(List<String> columns, List<ObjectNode> rows, List<String> places, String firstKey) implements LookupTable {
        @Override
        public Optional<String> defaultKey() {
            return Optional.of(firstKey);
        }

        @Override
        public Map<String, ObjectNode> index(Optional<String> key) throws TableFormatException {
            String column = key.orElse(firstKey);
            if (rows.isEmpty()) {
                return Map.of();
            }
            if (!columns.contains(column)) {
                throw new TableFormatException("the table has no column \"" + column + "\" to look values up in (columns: "
                        + String.join(", ", columns) + ")");
            }
            Map<String, ObjectNode> index = new HashMap<>();
            Map<String, String> firstPlace = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                JsonNode value = rows.get(i).get(column);
                if (value == null || value.isNull() || value.isContainerNode()) {
                    throw new TableFormatException(places.get(i) + ": the key column \"" + column + "\" has "
                            + (value == null || value.isNull() ? "no value" : "a nested value, not a string or number"));
                }
                String text = value.asText();
                String earlier = firstPlace.putIfAbsent(text, places.get(i));
                if (earlier != null) {
                    throw new TableFormatException(places.get(i) + ": key \"" + text + "\" again (first at " + earlier
                            + "); each value may have one row");
                }
                index.put(text, rows.get(i));
            }
            return java.util.Collections.unmodifiableMap(index);
        }
    }

    /** Reads a {@code .csv} or {@code .json} table, refusing files over {@link #MAX_BYTES}. */
    static LookupTable load(Path file) throws IOException {
        check(file);
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                ? CsvTableReader.read(file) : JsonTableReader.read(file);
    }

    /** What the file's name and size say, without reading it: a check needs no more than this. */
    static void check(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".json")) {
            throw new TableFormatException("a lookup table is a .csv or .json file");
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new TableFormatException("the file is " + (size >> 20) + " MiB; lookup tables are held in memory and may be at most "
                    + (MAX_BYTES >> 20) + " MiB (for larger data use the api stage or a geoip database)");
        }
    }
}
