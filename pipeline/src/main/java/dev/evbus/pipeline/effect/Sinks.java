package dev.evbus.pipeline.effect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.pipeline.OnError;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sink kinds an {@code effects} stage takes, each entry written like a stage: an object with
 * one field naming the kind. {@code dir} and {@code publish} also take a string, standing for
 * their main option. A sink's options include its own {@code retry} and {@code on_error}
 * (default skip), and its failures name the sink's path, such as
 * {@code /stages/3/effects/sinks/0/http}.
 */
public final class Sinks {
    /** The option a string entry stands for, per kind; http takes an object only. */
    private static final Map<String, String> SHORTHAND = Map.of("dir", "path", "publish", "event_type");
    private static final List<String> KINDS = List.of("dir", "http", "publish");

    private Sinks() {
    }

    /** Whether {@code kind} names a sink, for a replay finding the stage at a dead letter's path. */
    public static boolean isKind(String kind) {
        return KINDS.contains(kind);
    }

    /**
     * Compiles the sink entry at {@code path} (such as {@code /stages/3/effects/sinks/0}), guarded by
     * its own retry and on_error; empty when it has problems, which are added to {@code problems}.
     */
    public static Optional<Stage> compile(JsonNode entry, String path, StageContext context, PipelineCompiler compiler,
            List<Problem> problems) {
        return compile(entry, path, context, compiler, problems, null);
    }

    /**
     * As {@link #compile(JsonNode, String, StageContext, PipelineCompiler, List)}, but with a
     * {@code rehearsal} (when not null) the {@code dir} and {@code http} sinks are checked as
     * usual and then only report what they would do: nothing is written, nothing is sent.
     */
    static Optional<Stage> compile(JsonNode entry, String path, StageContext context, PipelineCompiler compiler,
            List<Problem> problems, Rehearsal rehearsal) {
        if (entry == null || !entry.isObject() || entry.size() != 1 || !isKind(entry.fieldNames().next())) {
            problems.add(new Problem(path, "a sink is an object with one field, its kind: dir, http or publish"
                    + " (such as {\"dir\": \"out\"})"));
            return Optional.empty();
        }
        String kind = entry.fieldNames().next();
        JsonNode value = entry.get(kind);
        String at = path + "/" + kind;
        if (value.isTextual() && SHORTHAND.containsKey(kind)) {
            value = JsonNodeFactory.instance.objectNode().set(SHORTHAND.get(kind), value);
        }
        if (!value.isObject()) {
            problems.add(new Problem(at, "options must be an object" + (kind.equals("http") ? " such as {url: …}" : "")));
            return Optional.empty();
        }
        int before = problems.size();
        Options options = new Options((ObjectNode) value, at, context.paramsJson(), problems);
        Stage sink = switch (kind) {
            case "dir" -> rehearsed(DirectorySink.create(options, context), d -> d.intent(), rehearsal);
            case "http" -> rehearsed(HttpSink.create(options), h -> h.intent(), rehearsal);
            default -> PublishSink.create(options, context);
        };
        Stage guarded = compiler.guard(sink, options, OnError.SKIP, context);
        options.finish();
        return problems.size() > before ? Optional.empty() : Optional.of(guarded);
    }

    private static <S extends Stage> Stage rehearsed(S sink, java.util.function.Function<S, String> intent, Rehearsal rehearsal) {
        if (rehearsal == null) {
            return sink;
        }
        String action = intent.apply(sink);
        return (item, next) -> rehearsal.would(item, action);
    }
}
