package dev.evbus.keyfiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.pipeline.OnError;
import dev.evbus.pipeline.StageLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A stage library for these tests (the real stages live elsewhere): {@code tag} appends
 * {@code field: value} and, given a {@code table}, opens it at compile time as real stages do.
 */
final class TestStages {
    private TestStages() {
    }

    static StageLibrary library() {
        return StageLibrary.of(Map.of("tag", new StageLibrary.Entry((options, context, compiler) -> {
            String field = options.requiredString("field");
            String value = options.string("value", "x");
            options.optionalString("table").ifPresent(table -> {
                Path file = context.baseDir().resolve(table);
                if (!Files.isRegularFile(file)) {
                    options.problem("table", "table file \"" + file + "\" does not exist");
                }
            });
            return (item, next) -> {
                ObjectNode copy = item.value().deepCopy();
                next.emit(item.withValue(copy.put(field, value)));
            };
        }, OnError.SKIP)));
    }
}
