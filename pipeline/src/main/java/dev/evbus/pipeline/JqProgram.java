package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.evbus.event.RawEvent;
import dev.evbus.event.TimeSource;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.evbus.pipeline.jq.BoundedJq;
import dev.evbus.pipeline.jq.Budget;
import dev.evbus.pipeline.jq.JqLimits;
import dev.evbus.pipeline.jq.LimitExceeded;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * A jq expression of a stage, compiled once, with the variables every stage expression sees:
 * {@code $params} (the consumer's params), {@code $event} (the bus envelope: event_type, event_id,
 * source_time, seq) and {@code $now} (the pipeline clock as RFC 3339 UTC). Each evaluation runs
 * within the key's {@link JqLimits}: one that runs too long or produces too much fails its item.
 * Not thread-safe: the variables and the budget are per call, and a pipeline runs on one thread at
 * a time.
 */
public final class JqProgram {
    private static final Pattern PARAM_REFERENCE = Pattern.compile("\\$params(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\"([^\"]*)\"])");

    private final BoundedJq query;
    private final JsonNode paramsJson;
    /** Per program: a program runs on one thread at a time (see the class comment). */
    private final Budget budget;
    /**
     * Made on first use: loading jq's builtins costs tens of milliseconds, which a key that is
     * only checked should not pay; never made for a field chain, which needs none. Pipeline
     * thread only.
     */
    private Scope scope;
    private final boolean usesEvent;
    private final boolean usesNow;
    private final InstantSource clock;

    private JqProgram(BoundedJq query, JsonNode paramsJson, InstantSource clock, Budget budget) {
        this.query = query;
        this.paramsJson = paramsJson;
        this.usesEvent = query.source().contains("$event");
        this.usesNow = query.source().contains("$now");
        this.clock = clock;
        this.budget = budget;
    }

    /** Compiles a stage's expression, run within the key's {@link JqLimits} on the pipeline's clock. */
    public static java.util.Optional<JqProgram> compile(Options options, String option, String expression,
            StageContext context) {
        return compile(options, option, expression, context.paramsJson(), context.clock(),
                new Budget(context.limits(), context.clock()::nanoTime));
    }

    /** Compiles an expression outside a pipeline (a hook's path or body), run within the default limits. */
    public static java.util.Optional<JqProgram> compile(Options options, String option, String expression,
            JsonNode paramsJson, TimeSource clock) {
        return compile(options, option, expression, paramsJson, clock, new Budget(JqLimits.DEFAULTS, clock::nanoTime));
    }

    /**
     * Compiles {@code expression} read from the option at {@code options.pathOf(option)}; a syntax
     * error, a call to a function jq does not have or a {@code $params.name} that is not a declared
     * param is a problem there, and the result is then empty.
     */
    private static java.util.Optional<JqProgram> compile(Options options, String option, String expression,
            JsonNode paramsJson, InstantSource clock, Budget budget) {
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
        BoundedJq query;
        try {
            query = BoundedJq.compile(expression);
        } catch (BoundedJq.Refused refused) {
            options.problem(option, refused.getMessage() + (refused.undefined().isEmpty() ? ""
                    : " (hint: see jq 1.6's manual for its functions, or define it first: def name: ...;)"));
            return java.util.Optional.empty();
        }
        if (!ok) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new JqProgram(query, paramsJson, clock, budget));
    }

    public String source() {
        return query.source();
    }

    /**
     * Every output for {@code input}; a runtime error (a wrong type, say) or a limit reached (too
     * long, too much output, too deep a recursion) fails the item.
     */
    public List<JsonNode> apply(JsonNode input, RawEvent envelope) throws StageFailure {
        bind(envelope);
        try {
            return query.apply(scope, input, budget);
        } catch (LimitExceeded limit) {
            throw StageFailure.permanent("jq " + source() + ": " + limit.getMessage());
        } catch (JsonQueryException | RuntimeException bad) {
            throw new StageFailure("jq " + source() + ": " + BoundedJq.firstLine(bad.getMessage()));
        }
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
        if (!query.needsScope()) {
            return; // a field chain reads no variables
        }
        if (scope == null) {
            scope = query.newScope();
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
            scope.setValue("now", TextNode.valueOf(clock.instant().toString()));
        }
    }
}
