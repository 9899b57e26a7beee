package dev.evbus.consume;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/** A compiled {@code --jq} expression. Compiled before any side effect, so a typo costs nothing. */
final class JqFilter {
    private final JsonQuery query;
    private final Scope scope;

    private JqFilter(JsonQuery query, Scope scope) {
        this.query = query;
        this.scope = scope;
    }

    static JqFilter compile(String expression) throws ConsumeFailure {
        Scope root = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, root);
        try {
            JsonQuery query = JsonQuery.compile(expression, Versions.JQ_1_6);
            return new JqFilter(query, Scope.newChildScope(root));
        } catch (JsonQueryException | RuntimeException bad) {
            throw ConsumeFailure.badInput("bad --jq expression: " + firstLine(bad.getMessage())
                    + " (hint: the syntax is jq's, e.g. --jq '.payload.id')");
        }
    }

    /** Every output the expression yields for {@code input}: none drops the event, several print several lines. */
    List<JsonNode> apply(JsonNode input) throws JsonQueryException {
        List<JsonNode> outputs = new ArrayList<>(1);
        query.apply(scope, input, outputs::add);
        return outputs;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
