package dev.evbus.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.JqProgram;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFactory;
import dev.evbus.pipeline.StageFailure;
import java.util.List;

/**
 * {@code transform: {expr}}: each jq output replaces the item (so {@code .items[]} splits one
 * event into several); no output filters it.
 */
public final class TransformStage implements Stage {
    public static final StageFactory FACTORY = (options, context, compiler) ->
            EventFields.requiredJq(options, "expr", context)
                    .<Stage>map(program -> new TransformStage(program, context))
                    .orElse(EventFields.UNUSABLE);

    private final JqProgram program;
    private final StageContext context;

    private TransformStage(JqProgram program, StageContext context) {
        this.program = program;
        this.context = context;
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        List<JsonNode> outputs = program.apply(item.value(), item.envelope());
        if (outputs.isEmpty()) {
            context.filtered();
            return;
        }
        for (JsonNode output : outputs) {
            next.emit(item.withValue(output));
        }
    }
}
