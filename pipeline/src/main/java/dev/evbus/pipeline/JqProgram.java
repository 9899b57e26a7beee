package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.evbus.event.RawEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * A jq expression of a stage, compiled once, with the variables every stage expression sees:
 * {@code $params} (the consumer's params), {@code $event} (the bus envelope: event_type, event_id,
 * source_time, seq) and {@code $now} (the pipeline clock as RFC 3339 UTC). Not thread-safe: the
 * variables are bound per call, and a pipeline runs on one thread at a time.
 */
public final class JqProgram {
    private static final Pattern PARAM_REFERENCE = Pattern.compile("\\$params(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\"([^\"]*)\"])");

    /** jq's builtins, loaded once per process on first use: loading them takes milliseconds. */
    private static final class Builtins {
        static final Scope ROOT = load();

        private static Scope load() {
            Scope root = Scope.newEmptyScope();
            BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, root);
            return root;
        }
    }

    private final String source;
    private final JsonQuery query;
    private final JsonNode paramsJson;
    /**
     * Made on first use: loading jq's builtins costs tens of milliseconds, which a key that is
     * only checked (every CLI start loads every key file) should not pay. Pipeline thread only.
     */
    private Scope scope;
    private final boolean usesEvent;
    private final boolean usesNow;
    private final Clock clock;

    private JqProgram(String source, JsonQuery query, JsonNode paramsJson, Clock clock) {
        this.source = source;
        this.query = query;
        this.paramsJson = paramsJson;
        this.usesEvent = source.contains("$event");
        this.usesNow = source.contains("$now");
        this.clock = clock;
    }

    /**
     * Compiles {@code expression} read from the option at {@code options.pathOf(option)}; a syntax
     * error or a {@code $params.name} that is not a declared param is a problem there, and the
     * result is then empty.
     */
    public static java.util.Optional<JqProgram> compile(Options options, String option, String expression,
            JsonNode paramsJson, Clock clock) {
        if (expression.isBlank()) {
            options.problem(option, "is empty; write a jq expression, such as .alert or {id, type}");
            return java.util.Optional.empty();
        }
        Matcher references = PARAM_REFERENCE.matcher(expression);
        boolean ok = true;
        while (references.find()) {
            String name = references.group(1) != null ? references.group(1) : references.group(2);
            if (!paramsJson.has(name)) {
                options.problem(option, "refers to $params." + name + ", but the key has no param \"" + name + "\"");
                ok = false;
            }
        }
        JsonQuery query;
        try {
            query = JsonQuery.compile(expression, Versions.JQ_1_6);
        } catch (JsonQueryException | RuntimeException bad) {
            options.problem(option, "is not a valid jq expression: " + firstLine(bad.getMessage()));
            return java.util.Optional.empty();
        }
        if (!ok) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new JqProgram(expression, query, paramsJson, clock));
    }

    public String source() {
        return source;
    }

    /** Every output for {@code input}; a runtime error (a wrong type, say) fails the item. */
    public List<JsonNode> apply(JsonNode input, RawEvent envelope) throws StageFailure {
        bind(envelope);
        List<JsonNode> outputs = new ArrayList<>(1);
        try {
            query.apply(scope, input, outputs::add);
        } catch (JsonQueryException | RuntimeException bad) {
            throw new StageFailure("jq " + source + ": " + firstLine(bad.getMessage()));
        }
        return outputs;
    }

    /** The first output, or null when there is none. */
    public JsonNode first(JsonNode input, RawEvent envelope) throws StageFailure {
        List<JsonNode> outputs = apply(input, envelope);
        return outputs.isEmpty() ? null : outputs.get(0);
    }

    /** jq truthiness of the first output: anything but false, null or no output. */
    public boolean test(JsonNode input, RawEvent envelope) throws StageFailure {
        JsonNode first = first(input, envelope);
        return first != null && !first.isNull() && !(first.isBoolean() && !first.asBoolean());
    }

    private void bind(RawEvent envelope) {
        if (scope == null) {
            scope = Scope.newChildScope(Builtins.ROOT);
            scope.setValue("params", paramsJson);
            scope.setValue("event", JsonNodeFactory.instance.nullNode());
            scope.setValue("now", JsonNodeFactory.instance.nullNode());
        }
        if (usesEvent) {
            ObjectNode event = JsonNodeFactory.instance.objectNode();
            if (envelope != null) {
                event.put("event_type", envelope.eventType());
                event.put("event_id", envelope.eventId());
                event.put("source_time", envelope.sourceTime());
                event.put("seq", envelope.seq());
            }
            scope.setValue("event", event);
        }
        if (usesNow) {
            scope.setValue("now", TextNode.valueOf(Instant.now(clock).toString()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
