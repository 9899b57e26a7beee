package dev.evbus.pipeline.jq;

import com.fasterxml.jackson.databind.JsonNode;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.path.Path;

/**
 * A node of a compiled program that charges the thread's {@link Budget}: a function call or a
 * loop's source ticks once per call and once per value it yields; an array's elements are
 * charged their size as they are collected. Placed by {@link ProgramTree} where a program can loop
 * or grow; outside an evaluation with a budget it only passes values on.
 */
final class Metered implements Expression {
    private final Expression inner;
    private final boolean elements;

    private Metered(Expression inner, boolean elements) {
        this.inner = inner;
        this.elements = elements;
    }

    /** Ticks per call and per value: a function call, the source of a reduce or foreach. */
    static Expression steps(Expression inner) {
        return new Metered(inner, false);
    }

    /** Charges each value for its size: the elements of an array being built. */
    static Expression elements(Expression inner) {
        return new Metered(inner, true);
    }

    @Override
    public void apply(Scope scope, JsonNode in, Path path, PathOutput output, boolean requirePath) throws JsonQueryException {
        Budget budget = Budget.current();
        if (budget == null) {
            inner.apply(scope, in, path, output, requirePath);
            return;
        }
        budget.tick();
        if (elements) {
            inner.apply(scope, in, path, (value, at) -> {
                budget.spend(OutputSize.shallow(value));
                output.emit(value, at);
            }, requirePath);
        } else {
            inner.apply(scope, in, path, (value, at) -> {
                budget.tick();
                output.emit(value, at);
            }, requirePath);
        }
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
