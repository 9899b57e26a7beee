package dev.evbus.pipeline.dlq;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.pipeline.StageSpec;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.effect.Sinks;
import java.util.List;
import java.util.Optional;

/**
 * Finds the stage or sink a dead letter's path names in a key's stages and compiles it alone, for
 * one attempt: its {@code retry} is dropped and its {@code on_error} made {@code dead_letter}, so a
 * failure is reported as such rather than retried, skipped or passed on.
 */
final class StageAt {
    private StageAt() {
    }

    /** The key's stages as a key file writes them, under {@code stages}, where dead letters' paths point. */
    static ObjectNode definition(List<StageSpec> specs) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode stages = root.putArray("stages");
        for (StageSpec spec : specs) {
            switch (spec) {
                case StageSpec.Declared declared -> stages.addObject().set(declared.kind(), declared.options());
                // A Java stage has no options to find; its place is kept so later indexes match.
                case StageSpec.Custom custom -> stages.addNull();
            }
        }
        return root;
    }

    /** The stage at {@code path} compiled for one attempt; empty, with a problem, when there is none. */
    static Optional<Stage> compile(ObjectNode definition, String path, StageContext context, PipelineCompiler compiler,
            List<Problem> problems) {
        JsonPointer pointer;
        try {
            pointer = JsonPointer.compile(path);
        } catch (IllegalArgumentException bad) {
            problems.add(new Problem(path, "is not a JSON Pointer"));
            return Optional.empty();
        }
        JsonPointer entryAt = pointer.head();
        String kind = pointer.last() == null ? "" : pointer.last().getMatchingProperty();
        JsonNode entry = entryAt == null ? null : definition.at(entryAt);
        if (entry == null || !entry.isObject() || !entry.has(kind)) {
            problems.add(new Problem(path, "the key has no stage there any more (its stages changed since the event failed)"));
            return Optional.empty();
        }
        ObjectNode once = entry.deepCopy();
        if (once.get(kind) instanceof ObjectNode options) {
            options.remove("retry");
            options.put("on_error", "dead_letter");
        }
        int before = problems.size();
        Optional<Stage> stage = inSinkList(entryAt) && Sinks.isKind(kind)
                ? Sinks.compile(once, entryAt.toString(), context, compiler, problems)
                : Optional.of(compiler.compileEntry(once, entryAt.toString(), context, problems));
        return problems.size() > before ? Optional.empty() : stage;
    }

    /** Whether {@code entryAt} is {@code …/effects/sinks/N}. */
    private static boolean inSinkList(JsonPointer entryAt) {
        JsonPointer list = entryAt.head();
        JsonPointer stage = list == null ? null : list.head();
        return stage != null && list.last().getMatchingProperty().equals("sinks")
                && stage.last() != null && stage.last().getMatchingProperty().equals("effects");
    }
}
