package dev.evbus.pipeline.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.FieldPath;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFactory;
import dev.evbus.pipeline.StageFailure;
import dev.evbus.pipeline.stage.EventFields;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lookup}: joins a field's value against a table file and appends the row's columns named
 * by {@code fields}, in that order (or puts them under {@code into}); on a miss each field takes
 * its {@code default} or null. The table is loaded and indexed when the key is compiled for a
 * consumer, so a broken table stops it before it subscribes, and each event costs one hash lookup;
 * {@code keys check} checks the file is there and readable without loading it.
 */
public final class LookupStage implements Stage {
    public static final StageFactory FACTORY = LookupStage::create;

    private final FieldPath field;
    private final Map<String, ObjectNode> index;
    private final List<String> columns;
    /** The value each column takes on a miss, in {@code columns} order. */
    private final List<JsonNode> misses;
    private final FieldPath into;

    private LookupStage(FieldPath field, Map<String, ObjectNode> index, List<String> columns, List<JsonNode> misses, FieldPath into) {
        this.field = field;
        this.index = index;
        this.columns = columns;
        this.misses = misses;
        this.into = into;
    }

    private static Stage create(Options options, StageContext context, PipelineCompiler compiler) {
        FieldPath field = EventFields.requiredPath(options, "field");
        String tableName = options.requiredString("table");
        Optional<String> key = options.optionalString("key");
        boolean fieldsGiven = options.has("fields");
        List<String> fields = options.strings("fields");
        FieldPath into = options.optionalString("into").map(text -> FieldPath.parse(options, "into", text)).orElse(null);
        ObjectNode defaults = options.object("default");
        if (tableName.isEmpty()) {
            // A missing option is already a problem; an empty name came from a param without a
            // value (checked at load, before any consumer gave it): fail events, never pass them.
            return (item, next) -> {
                throw new StageFailure("no table: the param naming it has no value");
            };
        }
        Path file = options.file("table", tableName, context.baseDir());
        LookupTable table;
        Map<String, ObjectNode> index;
        try {
            Optional<LookupTable> loaded = context.files().get(file, LookupTable.class, LookupTable::load);
            if (loaded.isEmpty()) {
                // only checked (keys check): the name and size are all that is known without reading it
                LookupTable.check(file);
                return EventFields.UNUSABLE;
            }
            table = loaded.get();
        } catch (NoSuchFileException missing) {
            options.problem("table", "no such file: " + file);
            return EventFields.UNUSABLE;
        } catch (IOException unreadable) {
            options.problem("table", file + ": " + unreadable.getMessage());
            return EventFields.UNUSABLE;
        }
        try {
            index = table.index(key);
        } catch (TableFormatException unusable) {
            options.problem(key.isPresent() ? "key" : "table", file + ": " + unusable.getMessage());
            return EventFields.UNUSABLE;
        }
        List<String> columns = new ArrayList<>();
        String keyColumn = key.or(table::defaultKey).orElse(null);
        for (String column : fieldsGiven ? fields : table.columns()) {
            if (!table.columns().contains(column)) {
                options.problem("fields", "the table has no column \"" + column + "\" (columns: " + String.join(", ", table.columns()) + ")");
            } else if (fieldsGiven || !column.equals(keyColumn)) {
                columns.add(column);
            }
        }
        List<JsonNode> misses = new ArrayList<>();
        for (String column : columns) {
            misses.add(defaults.has(column) ? defaults.get(column) : NullNode.getInstance());
        }
        defaults.fieldNames().forEachRemaining(name -> {
            if (!columns.contains(name)) {
                options.problem("default", "names \"" + name + "\", which is not among the fields this lookup appends (" + String.join(", ", columns) + ")");
            }
        });
        return new LookupStage(field, index, List.copyOf(columns), List.copyOf(misses), into);
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        JsonNode event = item.value();
        String value = EventFields.scalarText(field, event);
        if (value == null) {
            throw new StageFailure("field \"" + field + "\" is " + (field.get(event) == null ? "missing" : "null"));
        }
        ObjectNode row = index.get(value);
        ObjectNode target = into == null ? EventFields.appendable(event) : JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            JsonNode cell = row == null ? misses.get(i) : row.get(columns.get(i));
            // Containers are copied: the table is shared and a later stage could change what it is given.
            target.set(columns.get(i), cell == null ? NullNode.getInstance() : cell.isContainerNode() ? cell.deepCopy() : cell);
        }
        next.emit(item.withValue(into == null ? target : into.with(event, target)));
    }
}
