package dev.evbus.pipeline.effect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hands each item to every sink in the order written, then (unless {@code output: false}) on to
 * the rest of the pipeline. Each sink is guarded on its own, so one failing (after its retries,
 * then skipped, passed or dead-lettered under its own path) never keeps the item from the others
 * or from the output.
 */
public final class EffectsStage implements Stage {
    /** Sinks produce nothing for the pipeline; a guarded sink's {@code pass} lands here too. */
    private static final Downstream NOWHERE = item -> { };

    private final List<Stage> sinks;
    private final boolean output;

    private EffectsStage(List<Stage> sinks, boolean output) {
        this.sinks = List.copyOf(sinks);
        this.output = output;
    }

    /** The {@code effects} kind's factory. */
    public static Stage create(Options options, StageContext context, PipelineCompiler compiler) {
        return create(options, context, compiler, null);
    }

    /** The {@code effects} kind's factory for a rehearsal: {@code dir} and {@code http} sinks only report to it. */
    public static dev.evbus.pipeline.StageFactory rehearsing(Rehearsal rehearsal) {
        return (options, context, compiler) -> create(options, context, compiler, rehearsal);
    }

    private static Stage create(Options options, StageContext context, PipelineCompiler compiler, Rehearsal rehearsal) {
        boolean output = options.bool("output", true);
        Optional<JsonNode> entries = options.raw("sinks");
        List<Stage> sinks = new ArrayList<>();
        if (entries.isEmpty() || !entries.get().isArray() || entries.get().isEmpty()) {
            options.problem("sinks", entries.isEmpty() ? "is required (a list of {dir: …}, {http: …} or {publish: …})"
                    : "must be a non-empty list of sinks such as {dir: out}, {http: {url: …}} or {publish: {event_type: …}}");
            return new EffectsStage(sinks, output);
        }
        for (int i = 0; i < entries.get().size(); i++) {
            String at = options.pathOf("sinks") + "/" + i;
            Sinks.compile(entries.get().get(i), at, context, compiler, options.problems(), rehearsal).ifPresent(sinks::add);
        }
        return new EffectsStage(sinks, output);
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        for (Stage sink : sinks) {
            sink.accept(item, NOWHERE);
        }
        if (output) {
            next.emit(item);
        }
    }
}
