package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * The {@code filters} of the HTTP source: jq predicates over the whole event object, each compiled
 * once. An event passes when every predicate's first output is true in jq's sense (anything but
 * false, null or no output); a predicate that fails at run time (a wrong type, say) does not pass
 * it. Thread-safe: compiled queries are immutable and each test gets its own child scope.
 */
final class EventFilters {
    static final EventFilters NONE = new EventFilters(List.of(), List.of());

    /** jq's builtins, loaded on first use (tens of milliseconds) and only read afterwards. */
    private static final class Builtins {
        static final Scope ROOT = load();

        private static Scope load() {
            Scope root = Scope.newEmptyScope();
            BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, root);
            return root;
        }
    }

    private final List<String> sources;
    private final List<JsonQuery> queries;

    private EventFilters(List<String> sources, List<JsonQuery> queries) {
        this.sources = List.copyOf(sources);
        this.queries = List.copyOf(queries);
    }

    /** Compiles each expression; {@link IllegalArgumentException} naming the first that is not jq. */
    static EventFilters compile(List<String> expressions) {
        List<JsonQuery> queries = new ArrayList<>(expressions.size());
        for (int i = 0; i < expressions.size(); i++) {
            String expression = expressions.get(i);
            if (expression.isBlank()) {
                throw new IllegalArgumentException("[" + i + "] is empty; write a jq predicate, such as .data.value > 0");
            }
            try {
                queries.add(JsonQuery.compile(expression, Versions.JQ_1_6));
            } catch (JsonQueryException | RuntimeException bad) {
                throw new IllegalArgumentException("[" + i + "] is not a valid jq expression: " + firstLine(bad.getMessage()));
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

    /** True when {@code event} passes every filter. */
    boolean passes(JsonNode event) {
        for (JsonQuery query : queries) {
            if (!holds(query, event)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(JsonQuery query, JsonNode event) {
        JsonNode[] first = new JsonNode[1];
        try {
            query.apply(Scope.newChildScope(Builtins.ROOT), event, output -> {
                if (first[0] == null) {
                    first[0] = output;
                }
            });
        } catch (JsonQueryException | RuntimeException failed) {
            return false;
        }
        JsonNode value = first[0];
        return value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
