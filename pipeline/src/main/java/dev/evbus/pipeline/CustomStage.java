package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.event.pipeline.JavaStage;

/** A plugin's {@link JavaStage} as a stage: null filters, an exception fails the item. */
final class CustomStage implements Stage {
    private final String name;
    private final JavaStage stage;
    private final StageContext context;

    CustomStage(String name, JavaStage stage, StageContext context) {
        this.name = name;
        this.stage = stage;
        this.context = context;
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        JsonNode out;
        try {
            out = stage.apply(item.value(), item.envelope(), context.params(), context.api());
        } catch (Exception e) {
            throw new StageFailure(name + ": " + e.getMessage(), e);
        }
        if (out == null) {
            context.filtered();
            return;
        }
        next.emit(item.withValue(out));
    }
}
