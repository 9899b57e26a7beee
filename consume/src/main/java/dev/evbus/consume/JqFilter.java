package dev.evbus.consume;

import dev.evbus.event.TimeSource;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.pipeline.jq.BoundedJq;
import dev.evbus.pipeline.jq.Budget;
import dev.evbus.pipeline.jq.JqLimits;
import java.util.List;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * A compiled {@code --jq} expression. Compiled before any side effect, so a typo (or a call to a
 * function jq does not have) costs nothing. Each event's evaluation runs within the default
 * {@link JqLimits}; workers may apply it at once, each with its own budget.
 */
final class JqFilter {
    private final BoundedJq query;
    /** Null when the query needs none (a field chain, such as {@code .data}). */
    private final Scope scope;
    /** Times each event's {@link Budget}. */
    private final TimeSource clock;

    private JqFilter(BoundedJq query, Scope scope, TimeSource clock) {
        this.query = query;
        this.scope = scope;
        this.clock = clock;
    }

    static JqFilter compile(String expression, TimeSource clock) throws ConsumeFailure {
        try {
            BoundedJq query = BoundedJq.compile(expression);
            return new JqFilter(query, query.needsScope() ? query.newScope() : null, clock);
        } catch (BoundedJq.Refused refused) {
            if (!refused.undefined().isEmpty()) {
                throw ConsumeFailure.badInput("--jq: jq function " + String.join(", ", refused.undefined())
                        + (refused.undefined().size() > 1 ? " are" : " is") + " not defined (hint: jq 1.6's functions are"
                        + " in its manual; define your own first: --jq 'def f: .a; f')");
            }
            throw ConsumeFailure.badInput("bad --jq expression: " + refused.getMessage().replaceFirst("^is not a valid jq expression: ", "")
                    + " (hint: the syntax is jq's, e.g. --jq '.payload.id')");
        }
    }

    /**
     * Every output the expression yields for {@code input}: none drops the event, several print
     * several lines. A jq error or a limit reached (a {@code LimitExceeded}) fails the event.
     */
    List<JsonNode> apply(JsonNode input) throws JsonQueryException {
        return query.apply(scope, input, new Budget(JqLimits.DEFAULTS, clock::nanoTime));
    }
}
