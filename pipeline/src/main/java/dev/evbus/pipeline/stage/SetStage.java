package dev.evbus.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.FieldPath;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.JqProgram;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFactory;
import dev.evbus.pipeline.StageFailure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code set: {fields: {path: expr, ...}}}: sets each dotted path to its jq expression's first
 * output (null when it has none). Every expression sees the item as it entered the stage, not the
 * fields set before it; an existing field keeps its place, new ones are appended in the order written.
 */
public final class SetStage implements Stage {
    public static final StageFactory FACTORY = SetStage::create;

    private record Assignment(FieldPath path, JqProgram expr) {
    }

    private final List<Assignment> assignments;

    private SetStage(List<Assignment> assignments) {
        this.assignments = assignments;
    }

    private static Stage create(Options options, StageContext context, dev.evbus.pipeline.PipelineCompiler compiler) {
        if (!options.has("fields")) {
            options.problem("fields", "is required (an object of field path: jq expression)");
        }
        List<Assignment> assignments = new ArrayList<>();
        options.nested("fields").ifPresent(fields -> {
            Iterator<String> names = options.object("fields").fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                FieldPath path = FieldPath.parse(fields, name, name);
                EventFields.requiredJq(fields, name, context).ifPresent(expr -> assignments.add(new Assignment(path, expr)));
            }
        });
        return new SetStage(List.copyOf(assignments));
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        JsonNode entered = item.value();
        JsonNode out = entered;
        for (Assignment assignment : assignments) {
            JsonNode value = assignment.expr().first(entered, item.envelope());
            out = assignment.path().with(out, value == null ? NullNode.getInstance() : value);
        }
        next.emit(item.withValue(out));
    }
}
