package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.pipeline.StageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns stage specifications into running stages for one consumer's context. A stage entry in
 * JSON is an object with one field, the kind, whose value is the options (or, for stages with
 * one main option, just that option as a string: {@code {"filter": ".alert"}}). Every declared
 * stage also takes {@code on_error} (skip, pass, dead_letter) and {@code retry}.
 */
public final class PipelineCompiler {
    /** The option a string shorthand stands for, per kind. */
    private static final Map<String, String> SHORTHAND = Map.of("filter", "expr", "transform", "expr");

    private final StageLibrary library;

    public PipelineCompiler(StageLibrary library) {
        this.library = library;
    }

    /** Compiles a whole pipeline; throws with every problem when any stage is wrong. */
    public Stage compile(List<StageSpec> specs, String path, StageContext context) throws PipelineConfigException {
        List<Problem> problems = new ArrayList<>();
        Stage stage = compile(specs, path, context, problems);
        if (!problems.isEmpty()) {
            throw new PipelineConfigException(problems);
        }
        return stage;
    }

    /** Compiles specs whose stage {@code i} lives at {@code path/i}, collecting problems. */
    public Stage compile(List<StageSpec> specs, String path, StageContext context, List<Problem> problems) {
        List<Stage> stages = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            stages.add(compileOne(specs.get(i), path + "/" + i, context, problems));
        }
        return new Chain(stages);
    }

    /**
     * Compiles a JSON array of stage entries at {@code path} (a route's branch, say). Each stage
     * keeps its own index in problems and dead letters even when an entry before it is malformed.
     */
    public Stage compileEntries(JsonNode entries, String path, StageContext context, List<Problem> problems) {
        List<Stage> stages = new ArrayList<>();
        if (!isList(entries, path, problems)) {
            return new Chain(stages);
        }
        for (int i = 0; i < entries.size(); i++) {
            String at = path + "/" + i;
            entry(entries.get(i), at, problems).ifPresent(spec -> stages.add(compileOne(spec, at, context, problems)));
        }
        return new Chain(stages);
    }

    /**
     * Reads stage entries from JSON: each an object with exactly one field naming the kind.
     * Malformed entries are problems and left out, so with problems the specs' indexes no longer
     * match the entries': report the problems, do not compile the specs.
     */
    public static List<StageSpec> entries(JsonNode entries, String path, List<Problem> problems) {
        List<StageSpec> specs = new ArrayList<>();
        if (isList(entries, path, problems)) {
            for (int i = 0; i < entries.size(); i++) {
                entry(entries.get(i), path + "/" + i, problems).ifPresent(specs::add);
            }
        }
        return specs;
    }

    private static boolean isList(JsonNode entries, String path, List<Problem> problems) {
        if (entries == null || !entries.isArray()) {
            problems.add(new Problem(path, "must be a list of stages"));
            return false;
        }
        return true;
    }

    private static Optional<StageSpec> entry(JsonNode entry, String at, List<Problem> problems) {
        if (!entry.isObject() || entry.size() != 1) {
            problems.add(new Problem(at, "a stage is an object with one field, its kind, such as {\"filter\": \".alert\"}"));
            return Optional.empty();
        }
        Map.Entry<String, JsonNode> field = entry.properties().iterator().next();
        JsonNode options = field.getValue();
        if (options.isTextual() && SHORTHAND.containsKey(field.getKey())) {
            ObjectNode expanded = JsonNodeFactory.instance.objectNode();
            expanded.set(SHORTHAND.get(field.getKey()), options);
            options = expanded;
        } else if (options.isNull()) {
            options = JsonNodeFactory.instance.objectNode();
        }
        if (!options.isObject()) {
            problems.add(new Problem(at + "/" + field.getKey(), "options must be an object"
                    + (options.isTextual() ? " (a string stands for the expression only for " + String.join(" and ", SHORTHAND.keySet().stream().sorted().toList())
                            + "; check the stage's name)" : "")));
            return Optional.empty();
        }
        return Optional.of(new StageSpec.Declared(field.getKey(), (ObjectNode) options));
    }

    private Stage compileOne(StageSpec spec, String at, StageContext context, List<Problem> problems) {
        // instanceof, not a type switch: a switch's first run generates a class at every consumer's start
        if (spec instanceof StageSpec.Custom custom) {
            return new Guarded(new CustomStage(custom.name(), custom.stage(), context), at, RetryPolicy.NONE, OnError.SKIP,
                    context);
        }
        StageSpec.Declared declared = (StageSpec.Declared) spec;
        return declared(declared, at + "/" + declared.kind(), context, problems);
    }

    /**
     * Wraps a stage (or one effect's sink) in the failure policy its options give: {@code retry}
     * and {@code on_error}, read from {@code options}.
     */
    public Stage guard(Stage stage, Options options, OnError defaultOnError, StageContext context) {
        RetryPolicy retry = RetryPolicy.read(options, RetryPolicy.NONE);
        String onErrorText = options.string("on_error", defaultOnError.optionValue());
        OnError onError = OnError.parse(onErrorText).orElseGet(() -> {
            options.problem("on_error", "must be skip, pass or dead_letter, not \"" + onErrorText + "\"");
            return defaultOnError;
        });
        return new Guarded(stage, options.path(), retry, onError, context);
    }

    private Stage declared(StageSpec.Declared spec, String path, StageContext context, List<Problem> problems) {
        var entry = library.find(spec.kind());
        if (entry.isEmpty()) {
            problems.add(new Problem(path, "unknown stage \"" + spec.kind() + "\" (stages: " + library.names() + ")"));
            return (item, next) -> next.emit(item);
        }
        Options options = new Options(spec.options(), path, context.paramsJson(), problems);
        int before = problems.size();
        Stage stage = entry.get().factory().create(options, context, this);
        Stage guarded = guard(stage, options, entry.get().defaultOnError(), context);
        options.finish();
        return problems.size() > before ? (item, next) -> next.emit(item) : guarded;
    }

    /**
     * Compiles one stage entry on its own, as it stands at {@code path} in a key (such as
     * {@code /stages/2}), for a dead letter's replay: its failures then name the same path as
     * when it ran inside the whole pipeline.
     */
    public Stage compileEntry(JsonNode entry, String path, StageContext context, List<Problem> problems) {
        return entry(entry, path, problems).map(spec -> compileOne(spec, path, context, problems))
                .orElse((item, next) -> next.emit(item));
    }
}
