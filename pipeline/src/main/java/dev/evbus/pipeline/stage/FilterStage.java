package dev.evbus.pipeline.stage;

import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.JqProgram;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFactory;
import dev.evbus.pipeline.StageFailure;

/** {@code filter: {expr}}: keeps an item when the jq predicate's first output is truthy. */
public final class FilterStage implements Stage {
    public static final StageFactory FACTORY = (options, context, compiler) ->
            EventFields.requiredJq(options, "expr", context)
                    .<Stage>map(program -> new FilterStage(program, context))
                    .orElse(EventFields.UNUSABLE);

    private final JqProgram predicate;
    private final StageContext context;

    private FilterStage(JqProgram predicate, StageContext context) {
        this.predicate = predicate;
        this.context = context;
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        if (predicate.test(item.value(), item.envelope())) {
            next.emit(item);
        } else {
            context.filtered();
        }
    }
}
