package dev.evbus.pipeline.jq;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * A jq expression compiled so that running it costs at most its event: it is refused at compile
 * time when it calls a function that exists nowhere, and each evaluation runs under a
 * {@link Budget}, so a program that loops, grows or recurses without end fails its event with
 * {@link LimitExceeded} instead of taking the consumer's CPU, heap or stack. Arithmetic is jq
 * 1.7's ({@link JqArithmetic}). An expression that is only field accesses ({@code .data.value})
 * never reaches jackson-jq: {@link FieldChain} evaluates it with the same results. Thread-safe:
 * the budget in force is the evaluating thread's.
 */
public final class BoundedJq {
    private final String source;
    /** jackson-jq's program; null when the expression is a {@link FieldChain}, evaluated here. */
    private final JsonQuery query;
    private final FieldChain chain;
    /** The builtins {@link #query} may look up (its calls, its formats) and theirs; null for a chain. */
    private final Scope root;

    private BoundedJq(String source, JsonQuery query, FieldChain chain, Scope root) {
        this.source = source;
        this.query = query;
        this.chain = chain;
        this.root = root;
    }

    /** Why an expression cannot run: a syntax error, or calls to functions jq does not have. */
    public static final class Refused extends Exception {
        private final List<String> undefined;

        Refused(String message, List<String> undefined) {
            super(message, null, false, false);
            this.undefined = undefined;
        }

        /** The calls no definition answers ({@code nosuchfn/1}), empty for a syntax error. */
        public List<String> undefined() {
            return undefined;
        }
    }

    /** Compiles {@code expression}; {@link Refused} says why it cannot run, in one line. */
    public static BoundedJq compile(String expression) throws Refused {
        Optional<FieldChain> chain = FieldChain.parse(expression);
        if (chain.isPresent()) {
            return new BoundedJq(expression, null, chain.get(), null);
        }
        JsonQuery query;
        try {
            query = JsonQuery.compile(NumberLiterals.widen(expression), Versions.JQ_1_6);
        } catch (JsonQueryException | RuntimeException bad) {
            throw new Refused("is not a valid jq expression: " + firstLine(bad.getMessage()), List.of());
        }
        ProgramTree tree = ProgramTree.instrument(query);
        // the root holds every builtin the program calls: a call it lacks is to no builtin
        Scope root = tree.complete() ? JqBuiltins.rootFor(tree.lookups()) : JqBuiltins.all();
        List<String> undefined = tree.undefined(call -> root.getFunction(call.name(), call.arity()) != null).stream()
                .map(ProgramTree.Call::toString).toList();
        if (!undefined.isEmpty()) {
            throw new Refused("calls " + String.join(", ", undefined) + ", which jq does not define", undefined);
        }
        return new BoundedJq(expression, query, null, root);
    }

    public String source() {
        return source;
    }

    /** Whether {@code expression} is a field chain ({@code .data.value}), which runs without jackson-jq. */
    public static boolean isFieldChain(String expression) {
        return FieldChain.parse(expression).isPresent();
    }

    /**
     * Whether {@link #apply} needs a scope from {@link #newScope}: a field chain reads no variable
     * and calls no builtin, so its callers need not load jq's builtins (tens of milliseconds) for it.
     */
    public boolean needsScope() {
        return query != null;
    }

    /**
     * A scope for this expression's variables, over the builtins it may look up and no others
     * ({@link JqBuiltins}): {@code .level == "error"} makes none, {@code select(.a)} two.
     */
    public Scope newScope() {
        return Scope.newChildScope(root);
    }

    /**
     * Every output for {@code input}. A jq error (a wrong type, say) is a {@link JsonQueryException};
     * a limit reached, a {@link LimitExceeded}: either fails the event only. {@code scope} may be
     * null when {@link #needsScope} is false.
     */
    public List<JsonNode> apply(Scope scope, JsonNode input, Budget budget) throws JsonQueryException {
        List<JsonNode> outputs = new ArrayList<>(1);
        try (Budget.Hold hold = budget.enter()) {
            if (chain != null) {
                JsonNode output = chain.apply(input);
                budget.tick();
                outputs.add(output);
            } else {
                query.apply(scope, input, output -> {
                    budget.tick();
                    outputs.add(output);
                });
            }
            long allowed = budget.limits().stageOutput();
            for (JsonNode output : outputs) {
                // the input itself passed the bus's own size limit
                allowed -= output == input ? 0 : OutputSize.of(output, allowed);
                if (allowed < 0) {
                    throw budget.tooMuch();
                }
            }
        } catch (StackOverflowError tooDeep) {
            throw new LimitExceeded("recursed deeper than the stack allows");
        }
        return outputs;
    }

    /** The first line of a jq error's message: jackson-jq's may go on for lines. */
    public static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
