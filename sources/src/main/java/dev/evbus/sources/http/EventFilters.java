package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.pipeline.jq.BoundedJq;
import dev.evbus.pipeline.jq.Budget;
import dev.evbus.pipeline.jq.JqLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The {@code filters} of the HTTP source: jq predicates over the whole event object, each compiled
 * once, as every jq expression of evbus is ({@link BoundedJq}): a call to a function jq does not
 * have is refused with the config, each test runs within the default per-event limits (time,
 * output, recursion), and only the builtins a predicate uses are made. An event passes when every
 * predicate's first output is true in jq's sense (anything but false, null or no output); a
 * predicate that fails at run time (a wrong type, a limit reached) does not pass it, and costs the
 * bus that event only. Thread-safe: compiled programs are immutable and each test gets its own
 * scope and budget.
 */
final class EventFilters {
    static final EventFilters NONE = new EventFilters(List.of(), List.of());

    private final List<String> sources;
    private final List<BoundedJq> queries;

    private EventFilters(List<String> sources, List<BoundedJq> queries) {
        this.sources = List.copyOf(sources);
        this.queries = List.copyOf(queries);
    }

    /** Compiles each expression; {@link IllegalArgumentException} naming the first that is not jq. */
    static EventFilters compile(List<String> expressions) {
        List<BoundedJq> queries = new ArrayList<>(expressions.size());
        for (int i = 0; i < expressions.size(); i++) {
            String expression = expressions.get(i);
            if (expression.isBlank()) {
                throw new IllegalArgumentException("[" + i + "] is empty; write a jq predicate, such as .data.value > 0");
            }
            try {
                queries.add(BoundedJq.compile(expression));
            } catch (BoundedJq.Refused refused) {
                throw new IllegalArgumentException("[" + i + "] " + refused.getMessage());
            }
        }
        return new EventFilters(expressions, queries);
    }

    List<String> sources() {
        return sources;
    }

    boolean isEmpty() {
        return queries.isEmpty();
    }

    /** True when {@code event} passes every filter; {@code nanoTime} times each against its limit. */
    boolean passes(JsonNode event, LongSupplier nanoTime) {
        for (BoundedJq query : queries) {
            if (!holds(query, event, nanoTime)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(BoundedJq query, JsonNode event, LongSupplier nanoTime) {
        List<JsonNode> outputs;
        try {
            outputs = query.apply(query.needsScope() ? query.newScope() : null, event, new Budget(JqLimits.DEFAULTS, nanoTime));
        } catch (Exception failed) {
            return false; // a jq error or a limit reached: this event does not pass
        }
        JsonNode value = outputs.isEmpty() ? null : outputs.get(0);
        return value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean());
    }
}
